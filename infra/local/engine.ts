import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/** A DynamoDB-compatible engine on loopback: the embedded default (dynalite). */
export interface Engine {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Starts dynalite: persisted in LevelDB under `path`, or in memory when `path` is absent. */
export async function startDynalite(options: { path?: string; port?: number } = {}): Promise<Engine> {
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
