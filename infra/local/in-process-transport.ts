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
export function inProcessTransport(server: Server): HttpHandler {
  const listener = server.listeners('request')[0] as (req: IncomingMessage, res: ServerResponse) => void;
  return {
    handle: (request: HttpRequest) =>
      new Promise<{ response: HttpResponse }>((resolve, reject) => {
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
          reject(error);
        }
      }),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  } as HttpHandler;
}
