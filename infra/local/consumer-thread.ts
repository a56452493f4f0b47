import { Worker } from 'node:worker_threads';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { inProcessEngineAt } from '../../functions/adapters/in-process-engines.js';
import type { CommitStreamHandler } from '../../functions/streams/commit-stream.js';
import type { EngineAnswer, EngineCall } from './engine-relay.js';
import type { HandlerSource } from './handlers.js';

/** The functions mapped to the Events stream, which this thread runs. */
export const streamConsumers = ['projector', 'publisher'] as const;
export type StreamConsumerName = (typeof streamConsumers)[number];

export interface ConsumerThreadInit {
  /** The environment the functions' config is parsed from, as the CDK app sets it on AWS. */
  readonly env: Readonly<Record<string, string>>;
  readonly handlers: HandlerSource;
  readonly logLevel: string;
}

/** What the main thread and the consumers' thread say to each other. */
export type ToConsumers =
  | { kind: 'consume'; id: number; name: StreamConsumerName; event: DynamoDBStreamEvent }
  | ({ kind: 'engine' } & EngineAnswer);
export type FromConsumers =
  | { kind: 'ready' }
  | { kind: 'consumed'; id: number; answer: DynamoDBBatchResponse }
  | { kind: 'failed'; id: number; message: string }
  | ({ kind: 'engine' } & EngineCall);

export interface ConsumerThread {
  readonly consumers: Readonly<Record<StreamConsumerName, CommitStreamHandler>>;
  /** Resolves once the functions are loaded in the thread. */
  readonly ready: Promise<void>;
  /** Ends the thread as a crash of it would (tests): the next batch starts a new one. */
  terminateThread(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The stream's consumers (projector, publisher) in a thread of their own, as on AWS they are Lambda
 * functions of their own: their CPU is no longer the request handlers', which now have the main
 * thread to themselves. The dispatcher stays on the main thread (checkpoint, order, retries) and
 * hands each batch over as the stream record Lambda would get. The consumers reach the embedded
 * engine through the main thread (a message per call, no socket); a thread that dies is started
 * again for the next batch, and the batch it held fails and is retried like any failed batch.
 */
export function startConsumerThread(init: ConsumerThreadInit): ConsumerThread {
  const engine = inProcessEngineAt(init.env.DYNAMODB_ENDPOINT ?? '');
  const pending = new Map<number, { resolve(a: DynamoDBBatchResponse): void; reject(e: Error): void }>();
  let nextId = 0;
  let closing = false;
  // The thread in service; none after one died, until the next batch asks for it. A thread that
  // cannot start is so not restarted in a loop: at most once per retry of the dispatcher, which
  // backs off and logs the reason each batch failed.
  let current: { worker: Worker; ready: Promise<void> } | undefined;

  const spawn = () => {
    const worker = new Worker(new URL('./consumer-worker-entry.mjs', import.meta.url), {
      workerData: { ...init, relayEngine: engine !== undefined },
      execArgv: [],
    });
    let failure: Error | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromConsumers) => {
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'consumed') settle(message.id)?.resolve(message.answer);
        else if (message.kind === 'failed') settle(message.id)?.reject(new Error(message.message));
        else void relay(worker, message);
      });
      worker.once('error', (error) => {
        failure = error;
      });
      worker.once('exit', (code) => {
        const why = new Error(
          `the consumers' thread exited (${code})${failure ? `: ${failure.message}` : ''}`,
        );
        reject(why);
        if (current?.worker === worker) current = undefined;
        for (const id of [...pending.keys()]) settle(id)?.reject(why);
      });
    });
    ready.catch(() => undefined);
    return { worker, ready };
  };
  const settle = (id: number) => {
    const waiting = pending.get(id);
    pending.delete(id);
    return waiting;
  };
  const relay = async (worker: Worker, call: EngineCall) => {
    const answer: ToConsumers = await engine!
      .handle(call.request)
      .then(({ response }) => ({
        kind: 'engine' as const,
        id: call.id,
        response: {
          statusCode: response.statusCode,
          headers: response.headers,
          // An exact copy: a small Buffer is a view of Node's shared pool, and posting it would copy
          // the whole pool (other requests' bytes included) into the thread.
          body: new Uint8Array(response.body as Uint8Array),
        },
      }))
      .catch((error: Error) => ({ kind: 'engine' as const, id: call.id, error: error.message }));
    worker.postMessage(answer);
  };
  current = spawn();

  const consumer =
    (name: StreamConsumerName): CommitStreamHandler =>
    async (event) => {
      if (closing) throw new Error("the consumers' thread is closed");
      current ??= spawn();
      const { worker, ready } = current;
      await ready;
      return new Promise<DynamoDBBatchResponse>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ kind: 'consume', id, name, event } satisfies ToConsumers);
      });
    };
  return {
    consumers: { projector: consumer('projector'), publisher: consumer('publisher') },
    get ready() {
      current ??= spawn();
      return current.ready;
    },
    async terminateThread() {
      await current?.worker.terminate();
    },
    async close() {
      closing = true;
      await current?.worker.terminate();
    },
  };
}
