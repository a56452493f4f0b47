import { parentPort, workerData } from 'node:worker_threads';
import { Logger } from '@aws-lambda-powertools/logger';
import { registerInProcessEngine } from '../../functions/adapters/in-process-engines.js';
import { loadConfig } from '../../functions/config.js';
import type { CommitStreamHandler } from '../../functions/streams/commit-stream.js';
import { awsCallLogFromEnv } from './aws-call-log.js';
import type {
  ConsumerThreadInit,
  FromConsumers,
  StreamConsumerName,
  ToConsumers,
} from './consumer-thread.js';
import { engineRelay } from './engine-relay.js';
import { loadHandler } from './handlers.js';

/** The consumers' thread (see consumer-thread.ts): loads the stream's functions, then runs batches. */
const port = parentPort!;
const init = workerData as ConsumerThreadInit & { relayEngine: boolean };
const config = loadConfig(init.env);
const relay = engineRelay(port);
if (init.relayEngine) registerInProcessEngine(config.DYNAMODB_ENDPOINT!, relay.handler);
const logger = new Logger({
  serviceName: config.POWERTOOLS_SERVICE_NAME,
  logLevel: init.logLevel as 'WARN',
});
const awsCalls = awsCallLogFromEnv();
const consumers: Record<StreamConsumerName, CommitStreamHandler> = {
  projector: await loadHandler('projector', init.handlers, config, {
    logger,
    awsCalls: awsCalls?.('projector'),
  }),
  publisher: await loadHandler('publisher', init.handlers, config, {
    logger,
    awsCalls: awsCalls?.('publisher'),
  }),
};
const post = (message: FromConsumers) => port.postMessage(message);

port.on('message', (message: ToConsumers) => {
  if (message.kind === 'engine') {
    relay.answer(message);
    return;
  }
  consumers[message.name](message.event).then(
    (answer) => post({ kind: 'consumed', id: message.id, answer }),
    (error: Error) => post({ kind: 'failed', id: message.id, message: String(error?.message ?? error) }),
  );
});
post({ kind: 'ready' });
