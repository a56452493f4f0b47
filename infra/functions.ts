/**
 * Every Lambda function of the backend, by name, with its entry file. The CDK app deploys each one
 * (its `LEDGER_FUNCTION` environment variable is this name) and the local runtime runs each one,
 * from source or from the very bundles the CDK app built: one list, so a function cannot be wired
 * in one place and forgotten in the other.
 */
export const ledgerFunctions = {
  commands: 'functions/composition/commands.handler.ts',
  queries: 'functions/composition/queries.handler.ts',
  projector: 'functions/projector/projector.handler.ts',
  publisher: 'functions/publisher/publisher.handler.ts',
  mailer: 'functions/scheduled/mailer.handler.ts',
  digests: 'functions/scheduled/digests.handler.ts',
  scheduler: 'functions/scheduled/scheduler.handler.ts',
  printer: 'functions/printing/printer.handler.ts',
} as const;

export type LedgerFunctionName = keyof typeof ledgerFunctions;

/**
 * Runs only inside Cognito (the pre-token-generation trigger); locally `npm run token` plays
 * Cognito's part and mints the same `community` claim.
 */
export const identityFunctions = {
  tokenClaims: 'functions/identity/token-claims.handler.ts',
} as const;
