import { loadConfig } from '../config.js';
import { createDependencies } from '../wiring.js';
import { createStreamHandler } from './stream-handler.js';

/** Lambda entry point: DynamoDB Streams of the Events table → views. */
export const handler = createStreamHandler(createDependencies(loadConfig()).projector);
