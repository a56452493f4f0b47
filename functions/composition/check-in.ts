import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { recordAwsCalls } from '../adapters/aws-calls.js';
import { webAssetsIn } from '../adapters/bundled-web-assets.js';
import { derivedTicketKey, JoseCheckInTickets, secretTicketKey } from '../adapters/check-in-tickets.js';
import { traced } from '../adapters/tracing.js';
import { type CheckInTickets, noTickets } from '../app/check-in-tickets.js';
import type { PageSignIn, WebAssets } from '../app/web-assets.js';
import type { Config } from '../config.js';
import type { Overrides } from './core.js';

/**
 * The check-in tickets of a function that prints sign-in sheets or takes check-ins: locally signed
 * with a key derived from the dev key, on AWS with the stage's ticket secret; none elsewhere.
 */
export function ticketsFor(config: Config, overrides: Overrides = {}): CheckInTickets {
  if (config.AUTH_MODE === 'local-jwt' && config.LOCAL_JWT_SECRET)
    return new JoseCheckInTickets(derivedTicketKey(config.LOCAL_JWT_SECRET));
  if (config.CHECK_IN_TICKET_SECRET_ARN) {
    const client = recordAwsCalls(traced(new SecretsManagerClient({})), 'secretsmanager', overrides.awsCalls);
    return new JoseCheckInTickets(secretTicketKey(client, config.CHECK_IN_TICKET_SECRET_ARN));
  }
  return noTickets;
}

const OAuthSignIn = z.object({
  authorizeUrl: z.url(),
  tokenUrl: z.url(),
  clientId: z.string().min(1),
  logoutUrl: z.url().optional(),
});

/** How the pages sign people in: PAGES_SIGN_IN's OAuth client (the user pool's managed login), else the development sign-in. */
export function pagesSignInFrom(config: Pick<Config, 'PAGES_SIGN_IN'>): PageSignIn {
  if (!config.PAGES_SIGN_IN) return { kind: 'development' };
  const parsed = OAuthSignIn.safeParse(JSON.parse(config.PAGES_SIGN_IN));
  if (!parsed.success)
    throw new Error(`PAGES_SIGN_IN: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return { kind: 'oauth', ...parsed.data };
}

/** The pages' files: beside this bundle on AWS (the CDK app builds them there), or the local runtime's builder. */
export function webAssetsFor(overrides: Overrides = {}): WebAssets {
  return overrides.webAssets ?? webAssetsIn(join(dirname(fileURLToPath(import.meta.url)), 'web'));
}
