import type { HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';
import { IN_PROCESS_ENGINES } from './dynamodb-client.js';

export type HttpHandler = RequestHandler<HttpRequest, HttpResponse>;

/**
 * Engines that live in this very process (the local runtime's dynalite), by endpoint. A client for
 * such an endpoint hands its requests to the engine directly instead of through a loopback socket:
 * the same bytes, the same engine, without two HTTP stacks in between (about a third of a call's
 * CPU here). Keyed on `globalThis`, so handlers loaded from their CDK bundles find them too; on AWS
 * nothing is registered and clients use the network as always. Only the local runtime imports this
 * module: `createDocumentClient` looks the registry up by its key alone, so no Lambda bundle carries it.
 */
const shared = globalThis as { [IN_PROCESS_ENGINES]?: Map<string, HttpHandler> };
shared[IN_PROCESS_ENGINES] ??= new Map();
const registry = shared[IN_PROCESS_ENGINES];

export function registerInProcessEngine(endpoint: string, handler: HttpHandler): () => void {
  registry.set(endpoint, handler);
  return () => {
    if (registry.get(endpoint) === handler) registry.delete(endpoint);
  };
}

export function inProcessEngineAt(endpoint: string): HttpHandler | undefined {
  return registry.get(endpoint);
}

export type { HttpRequest, HttpResponse };
