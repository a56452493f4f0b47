import { createEventBridgeBus } from '../adapters/eventbridge-bus.js';
import { NdjsonBus } from '../adapters/ndjson-bus.js';
import type { EventBus } from '../app/event-bus.js';
import type { Config } from '../config.js';

/** EventBridge on AWS, an NDJSON file locally; a function that never publishes gets a bus that refuses. */
export function eventBusFor(config: Config): EventBus {
  if (config.EVENT_BUS_NAME) return createEventBridgeBus(config.EVENT_BUS_NAME);
  if (config.BUS_DIR) return new NdjsonBus(config.BUS_DIR);
  return {
    put: async () => {
      throw new Error('no event bus configured (EVENT_BUS_NAME on AWS, BUS_DIR locally)');
    },
  };
}
