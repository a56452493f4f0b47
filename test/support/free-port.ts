import { createServer } from 'node:net';

/**
 * A port nothing listens on now, asked of the system (port 0) rather than guessed: a guess in the
 * ephemeral range can meet another test's engine, and the server then cannot start.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
