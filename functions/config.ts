import * as z from 'zod';

/**
 * The environment, parsed once. A default is what runs when nothing sets the value: on AWS the CDK
 * app sets the table names, AUTH_MODE and each function's own settings (its bus, sender, mailer,
 * key), and the rest keep their defaults; the local runtime sets its own (AUTH_MODE=local-jwt with
 * its dev key, the engine's endpoint, the outbox and bus folders).
 */
const Environment = z.object({
  EVENTS_TABLE: z.string().min(1).default('Events'),
  VIEWS_TABLE: z.string().min(1).default('Views'),
  IDEMPOTENCY_TABLE: z.string().min(1).default('Idempotency'),
  /** Set only for an embedded or local engine. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** `authorizer`: API Gateway verified the JWT. `local-jwt`: verify it here with the dev key. */
  AUTH_MODE: z.enum(['authorizer', 'local-jwt']).default('authorizer'),
  LOCAL_JWT_SECRET: z.string().min(32).optional(),
  /**
   * How long an Idempotency-Key's claim outlives a holder that stopped answering before a retry takes
   * it over. Longer than the commands function's timeout on AWS; shorter in crash tests.
   */
  IDEMPOTENCY_LOCK_MS: z.coerce.number().int().min(1_000).max(900_000).default(30_000),
  CONSISTENCY_WAIT_MS: z.coerce.number().int().min(0).max(29_000).default(5_000),
  POWERTOOLS_SERVICE_NAME: z.string().default('community-culture-ledger'),
  /** Sender of the scheduled reports (an SES-verified identity on AWS). */
  MAIL_FROM: z.string().default('Community Culture Ledger <reports@example.org>'),
  /** Locally: write email as .eml files here instead of sending it through SES. */
  OUTBOX_DIR: z.string().optional(),
  /**
   * Where SES is not offered (the China regions): the Secrets Manager secret (ARN or name) holding the
   * SMTP relay's settings as JSON `{ host, port, secure, username, password, from?, requireTls? }`.
   * Set, the mailer sends through that relay; unset, through SES.
   */
  SMTP_SECRET_ARN: z.string().min(1).optional(),
  /** On AWS with SES: the configuration set every message goes through (suppression, bounce events). */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /**
   * The claim naming the caller's community, for an OIDC provider other than Cognito (Keycloak,
   * Authing…). Unset: `community`, else Cognito's `custom:community`. A top-level claim name: API
   * Gateway hands nested claims on flattened to strings.
   */
  AUTH_COMMUNITY_CLAIM: z.string().min(1).optional(),
  /** The claim listing the caller's roles (an array). Unset: `roles`, else Cognito's `cognito:groups`. */
  AUTH_ROLES_CLAIM: z.string().min(1).optional(),
  /** The claim naming the resident the caller is. Unset: `resident`, else Cognito's `custom:resident`. */
  AUTH_RESIDENT_CLAIM: z.string().min(1).optional(),
  /** On AWS: the KMS key that wraps residents' data keys (crypto-shredding). Locally keys are plain items. */
  PERSONAL_DATA_KEY_ID: z.string().optional(),
  /** On AWS: the EventBridge bus the publisher announces every committed event on. */
  EVENT_BUS_NAME: z.string().optional(),
  /** Locally: the bus is an NDJSON file in this folder. */
  BUS_DIR: z.string().optional(),
  /** On AWS: the mailer function the commands function hands "send this report now" to. */
  MAILER_FUNCTION_NAME: z.string().optional(),
  /** On AWS: the queues scheduled work is cut into (registry pages, report units, digest units). */
  PAGES_QUEUE_URL: z.string().optional(),
  REPORTS_QUEUE_URL: z.string().optional(),
  DIGESTS_QUEUE_URL: z.string().optional(),
  /** Emails one mailer container may send per second (the stage's SES rate over the mailer's concurrency). */
  MAIL_PER_SECOND: z.coerce.number().positive().optional(),
  /** The printer function the queries function hands documents to (set by the stack on AWS). */
  PRINTER_FUNCTION_NAME: z.string().optional(),
  /**
   * The address people open the check-in and kiosk pages at (the sign-in sheet's QR code points
   * there): the stage's `publicUrl` on AWS, else the HTTP API's own URL; locally the server's URL.
   */
  PUBLIC_URL: z.url().optional(),
  /** On AWS: the Secrets Manager secret whose string signs check-in tickets (locally the dev key does). */
  CHECK_IN_TICKET_SECRET_ARN: z.string().min(1).optional(),
  /**
   * How the check-in and kiosk pages sign a person in, as JSON: `{ "authorizeUrl", "tokenUrl",
   * "clientId" }` of an OAuth 2.0 authorization-code client with PKCE (the user pool's managed login
   * on AWS). Unset: the development sign-in, which takes a token from `npm run token`.
   */
  PAGES_SIGN_IN: z.string().optional(),
});

export type Config = z.infer<typeof Environment>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  if (parsed.data.AUTH_MODE === 'local-jwt' && !parsed.data.LOCAL_JWT_SECRET) {
    throw new Error('AUTH_MODE=local-jwt needs LOCAL_JWT_SECRET');
  }
  return parsed.data;
}
