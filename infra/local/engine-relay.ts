import type { MessagePort } from 'node:worker_threads';
import type { HttpHandler, HttpRequest, HttpResponse } from '../../functions/adapters/in-process-engines.js';

/** An SDK request to the engine, as one thread hands it to the thread the engine lives in. */
export interface EngineCall {
  readonly id: number;
  readonly request: {
    method: string;
    protocol: string;
    hostname: string;
    port?: number;
    path: string;
    headers: Record<string, string>;
    body?: Uint8Array | string;
  };
}
/** What the engine answered, or why the call failed before it did. */
export interface EngineAnswer {
  readonly id: number;
  readonly response?: { statusCode: number; headers: Record<string, string>; body: Uint8Array };
  readonly error?: string;
}

/**
 * The SDK's request handler in a thread without the engine: each request goes as a message to the
 * thread that has it (which hands it to the engine in process) and the answer comes back the same
 * way. The bytes are the ones a socket would carry.
 */
export function engineRelay(port: Pick<MessagePort, 'postMessage' | 'on'>): {
  handler: HttpHandler;
  answer(message: EngineAnswer): void;
} {
  const waiting = new Map<number, { resolve(r: { response: HttpResponse }): void; reject(e: Error): void }>();
  let nextId = 0;
  const handler = {
    handle: (request: HttpRequest) =>
      new Promise<{ response: HttpResponse }>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        const body = request.body instanceof Uint8Array ? Uint8Array.from(request.body) : request.body;
        const call: EngineCall = {
          id,
          request: {
            method: request.method,
            protocol: request.protocol,
            hostname: request.hostname,
            port: request.port,
            path: request.path,
            headers: { ...request.headers },
            body: typeof body === 'string' || body instanceof Uint8Array ? body : undefined,
          },
        };
        port.postMessage({ kind: 'engine', ...call });
      }),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  } as HttpHandler;
  return {
    handler,
    answer(message) {
      const call = waiting.get(message.id);
      waiting.delete(message.id);
      if (!call) return;
      if (message.response)
        call.resolve({
          response: { ...message.response, body: Buffer.from(message.response.body) } as HttpResponse,
        });
      else call.reject(new Error(message.error ?? 'the engine did not answer'));
    },
  };
}
