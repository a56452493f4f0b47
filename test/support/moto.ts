import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port.js';

/**
 * moto's `moto_server` (Python, outside npm): AWS services emulated over HTTP on 127.0.0.1, for the
 * SDK calls aws-sdk-client-mock would only pretend to answer (Secrets Manager here). It is on the
 * PATH of these machines and of CI; where it is not, a spec skips with a warning, except on CI
 * (`CI=true`), where a missing emulator must fail the run rather than silently test less.
 */
export interface MotoServer {
  /** `http://127.0.0.1:<port>`: the SDK client's `endpoint`. */
  readonly endpoint: string;
  /** SIGTERM, then SIGKILL if it has not exited within 3 s. */
  stop(): Promise<void>;
}

const EXECUTABLE = 'moto_server';

/** Whether `moto_server` is an executable file on the PATH. */
export function motoAvailable(): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, EXECUTABLE), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * For `describe.skipIf(skipWithoutMoto('…'))`: true (with a warning saying why) when moto_server is
 * missing and this is not CI. On CI it is false, so the spec runs and `motoServer()` fails it.
 */
export function skipWithoutMoto(what: string): boolean {
  if (motoAvailable()) return false;
  if (process.env.CI === 'true') return false;
  console.warn(
    `skipped: ${what} needs moto_server on the PATH (pip install "moto[server]"); on CI (CI=true) this fails instead`,
  );
  return true;
}

/** Credentials and region moto accepts (any will do; these are the documented ones). */
export const motoClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

/** Starts `moto_server -H 127.0.0.1 -p <free port>` and resolves once it answers HTTP. */
export async function motoServer(timeoutMs = 30_000): Promise<MotoServer> {
  if (!motoAvailable())
    throw new Error(
      `${EXECUTABLE} is not on the PATH${process.env.CI === 'true' ? ' (CI=true: it is required here; install moto[server] in the CI image)' : ''}`,
    );
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  // A group of its own: the PATH entry may be a shim (pyenv) that runs Python as its child.
  const child = spawn(EXECUTABLE, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => stopGroup(child, exited);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `${EXECUTABLE} exited (${child.exitCode ?? child.signalCode}) before answering: ${stderr}`,
      );
    try {
      const answer = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      await answer.body?.cancel();
      return { endpoint, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await stop();
  throw new Error(`${EXECUTABLE} did not answer on ${endpoint} within ${timeoutMs} ms: ${stderr}`);
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 3_000);
    }),
  ]);
  clearTimeout(timer);
  if (!stopped) {
    signal('SIGKILL');
    await exited;
  }
}
