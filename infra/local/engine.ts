import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { registerInProcessEngine } from '../../functions/adapters/in-process-engines.js';
import { inProcessTransport } from './in-process-transport.js';

/** The part of `level` (classic-level: LevelDB itself) that compaction needs. */
interface LevelDatabase {
  open(): Promise<void>;
  compactRange(start: Buffer, end: Buffer, options: { keyEncoding: 'buffer' }): Promise<void>;
  close(): Promise<void>;
}
type LevelConstructor = new (
  location: string,
  options: { compression: boolean; createIfMissing: boolean },
) => LevelDatabase;

/** The LevelDB binding dynalite itself stores with (resolved from dynalite, so it is the very same one). */
function levelOfDynalite(): LevelConstructor {
  const require = createRequire(import.meta.url);
  return (createRequire(require.resolve('dynalite'))('level') as { Level: LevelConstructor }).Level;
}

/**
 * Rewrites the engine's files so they hold only live values. LevelDB keeps overwritten and deleted
 * values — an erased resident's old view items, their destroyed data key — in its log and tables
 * until a compaction reaches them; erasure must not leave them readable on disk. So each open
 * compacts every key (`0x00` sorts before and `0xff…` after every key dynalite writes: they all
 * start with `!`) before dynalite opens the folder. The rewritten tables are left uncompressed, so
 * what the files hold can be checked with grep; whatever is written afterwards is compacted at the
 * next open.
 */
export async function compactEngineFiles(path: string): Promise<void> {
  if (!existsSync(join(path, 'CURRENT'))) return;
  const Level = levelOfDynalite();
  const db = new Level(path, { compression: false, createIfMissing: false });
  await db.open();
  try {
    await db.compactRange(Buffer.from([0x00]), Buffer.alloc(64, 0xff), { keyEncoding: 'buffer' });
  } finally {
    await db.close();
  }
}

/** A DynamoDB-compatible engine on loopback: the embedded default (dynalite). */
export interface Engine {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Starts dynalite: persisted in LevelDB under `path`, or in memory when `path` is absent. */
export async function startDynalite(options: { path?: string; port?: number } = {}): Promise<Engine> {
  if (options.path) await compactEngineFiles(options.path);
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  // Clients in this process reach it without the socket; shell tools and other processes use the port.
  const inProcess = inProcessTransport(server);
  const unregister = registerInProcessEngine(endpoint, inProcess.handler);
  return {
    endpoint,
    close: async () => {
      unregister();
      await inProcess.drain();
      await new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}
