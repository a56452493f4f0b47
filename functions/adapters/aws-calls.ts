/**
 * One AWS SDK call as a function made it: the service (the IAM prefix: `dynamodb`, `kms`, `ses`,
 * `events`, `sqs`, …), the operation (`PutItem`, `SendMessageBatch`), its input as the code wrote it
 * (before the document client marshals it), and its output when it answered (KMS names the key a
 * `Decrypt` used only there).
 */
export interface AwsCall {
  readonly service: string;
  readonly action: string;
  readonly input: Record<string, unknown>;
  readonly output?: Record<string, unknown>;
  /** When the call left and when it was answered (`performance.now()`): which calls ran one after another. */
  readonly startedAt?: number;
  readonly endedAt?: number;
}

/** Told of every call a function's clients make (tests prove least privilege with it). */
export type AwsCallRecorder = (call: AwsCall) => void;

/** The part of an SDK v3 client (or document client) this needs: its middleware stack. */
interface WithMiddlewareStack {
  readonly middlewareStack: {
    add(
      middleware: (
        next: (args: { input: unknown }) => Promise<{ output?: unknown }>,
        context: { commandName?: string },
      ) => (args: { input: unknown }) => Promise<{ output?: unknown }>,
      options: { step: 'initialize'; name: string; override: boolean },
    ): void;
  };
}

/**
 * Tells `recorder` of every call `client` makes, answered or refused (a refused conditional write
 * was still authorised and made). Added at the `initialize` step, so a document client's input is
 * seen as the code wrote it. Without a recorder the client is left as it is.
 */
export function recordAwsCalls<C>(client: C, service: string, recorder: AwsCallRecorder | undefined): C {
  if (!recorder) return client;
  (client as unknown as WithMiddlewareStack).middlewareStack.add(
    (next, context) => async (args) => {
      const action = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const input = (args.input ?? {}) as Record<string, unknown>;
      let output: Record<string, unknown> | undefined;
      const startedAt = performance.now();
      try {
        const answer = await next(args);
        output = answer.output as Record<string, unknown> | undefined;
        return answer;
      } finally {
        recorder({
          service,
          action,
          input,
          ...(output ? { output } : {}),
          startedAt,
          endedAt: performance.now(),
        });
      }
    },
    { step: 'initialize', name: 'ledgerAwsCallRecorder', override: true },
  );
  return client;
}
