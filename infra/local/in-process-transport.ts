import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { HttpHandler, HttpRequest, HttpResponse } from '../../functions/adapters/in-process-engines.js';

/** The bytes of a serialized request body (the SDK hands a string, or bytes dressed as one). */
function bodyBytes(body: unknown): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === 'string') return Buffer.from(body);
  throw new Error('the in-process engine takes whole request bodies, not streams');
}

/**
 * Hands an SDK request to the engine's own HTTP request listener in this process: a request object
 * that replays the body, a response object that collects what the engine answers. The engine does
 * everything it does for a socket (target and auth header checks, validation, the action, CRC
 * header); only the loopback TCP and both HTTP parsers are skipped.
 */
export function inProcessTransport(server: Server): {
  handler: HttpHandler;
  /** Refuses new requests and resolves once those under way are answered (before the engine closes). */
  drain(): Promise<void>;
} {
  const listener = server.listeners('request')[0] as (req: IncomingMessage, res: ServerResponse) => void;
  let underWay = 0;
  let draining = false;
  let drained: (() => void) | undefined;
  const handler = {
    handle: (request: HttpRequest) =>
      new Promise<{ response: HttpResponse }>((resolveRequest, reject) => {
        if (draining) {
          reject(new Error('the embedded engine is closing'));
          return;
        }
        underWay++;
        const resolve = (answer: { response: HttpResponse }) => {
          resolveRequest(answer);
          if (--underWay === 0) drained?.();
        };
        const incoming = Object.assign(new EventEmitter(), {
          method: request.method,
          url: request.path,
          headers: Object.fromEntries(
            Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
          ),
        });
        const headers: Record<string, string> = {};
        const outgoing = {
          statusCode: 200,
          contentType: '',
          setHeader(name: string, value: unknown) {
            headers[name.toLowerCase()] = String(value);
          },
          end(body?: string | Buffer) {
            resolve({
              response: {
                statusCode: outgoing.statusCode,
                headers,
                body: Buffer.from(body ?? ''),
              } as HttpResponse,
            });
          },
        };
        try {
          listener(incoming as unknown as IncomingMessage, outgoing as unknown as ServerResponse);
          const body = bodyBytes(request.body);
          if (body) incoming.emit('data', body);
          incoming.emit('end');
        } catch (error) {
          if (--underWay === 0) drained?.();
          reject(error);
        }
      }),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  } as HttpHandler;
  return {
    handler,
    drain() {
      draining = true;
      // A request still in the engine when its database closes fails inside the engine's own
      // callbacks, where nothing can catch it: the engine closes only once they are answered.
      return underWay === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
    },
  };
}
