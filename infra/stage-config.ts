import * as z from 'zod';

/**
 * Hosts that only ever stand in for a real one (RFC 2606 and 6761): a stage that names one would
 * deploy a sender nobody can verify and CORS for a site that does not exist.
 */
const PLACEHOLDER_HOST = /(^|\.)(example(\.(com|org|net))?|test|invalid|localhost)$|^127\.0\.0\.1$/i;
export const isPlaceholderHost = (host: string) => PLACEHOLDER_HOST.test(host);
const hostOfEmail = (email: string) => email.slice(email.lastIndexOf('@') + 1);

const Domain = z.string().regex(/^(?=.{4,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i, 'not a domain name');

/** Who signs the tokens the HTTP API accepts. */
const Identity = z.discriminatedUnion('kind', [
  /** An Amazon Cognito user pool in this stack (where Cognito user pools exist). */
  z.object({
    kind: z.literal('cognito'),
    /**
     * The prefix of the user pool's managed-login domain (`<prefix>.auth.<region>.amazoncognito.com`),
     * where residents and organizers sign in to the check-in and kiosk pages. Unique in the region;
     * default `ledger-<stage>-<account>`.
     */
    loginDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and dashes')
      .refine(
        (p) => !/aws|amazon|cognito/.test(p),
        'a Cognito domain prefix may not name aws, amazon or cognito',
      )
      .optional(),
  }),
  /**
   * Any OpenID Connect provider (Keycloak, Authing, a government login): API Gateway's JWT authorizer
   * checks signature, issuer and audience; the functions read the community and roles from the
   * claims named here.
   */
  z.object({
    kind: z.literal('oidc'),
    // API Gateway fetches the issuer's keys over https; plain http only on this machine (tests).
    issuer: z
      .url()
      .refine(
        (u) => u.startsWith('https://') || u.startsWith('http://127.0.0.1:'),
        'an issuer is an https URL',
      ),
    audience: z.array(z.string().min(1)).min(1),
    communityClaim: z.string().min(1).default('community'),
    rolesClaim: z.string().min(1).default('roles'),
    /**
     * The claim naming the resident the user is (their id in the ledger), which the provider sets
     * from an attribute only its administrators write; without it a resident acts for no one.
     */
    residentClaim: z.string().min(1).default('resident'),
    /**
     * The provider's client for the check-in and kiosk pages (authorization code with PKCE, returning
     * to `<publicUrl>/signed-in`). Absent: the pages offer the development sign-in (paste a token).
     */
    pagesClient: z
      .object({ clientId: z.string().min(1), authorizeUrl: z.url(), tokenUrl: z.url() })
      .strict()
      .optional(),
  }),
]);

/** How the leaders' reports (and Cognito's invitations) leave. */
const Mail = z.discriminatedUnion('kind', [
  /** Amazon SES with a domain identity (Easy DKIM) and a configuration set feeding suppression. */
  z.object({ kind: z.literal('ses'), domain: Domain, from: z.email() }),
  /** An SMTP relay; its host and credentials are a Secrets Manager secret created by the operator. */
  z.object({ kind: z.literal('smtp'), from: z.email(), secretName: z.string().min(1) }),
]);

/** Per-stage settings: `infra/stages.ts` names each stage's values, `-c stage=<name>` picks one. */
export const StageConfig = z
  .object({
    stage: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/),
    // The tables' customer-managed key needs a concrete region; SES sends from it too.
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
    account: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    /**
     * Where people open the check-in and kiosk pages (the sign-in sheet's QR code holds this URL):
     * a custom domain in front of the HTTP API. Absent: the HTTP API's own URL.
     */
    publicUrl: z
      .url()
      .refine((u) => u.startsWith('https://'), 'an https URL')
      .refine((u) => !u.endsWith('/'), 'no trailing slash')
      .optional(),
    /** Front-end origins allowed by CORS; never `*` (the API takes bearer tokens). */
    allowedOrigins: z.array(z.url().refine((u) => !u.endsWith('/'), 'no trailing slash')).min(1),
    /** The zone a stage's people think in (IANA name); each plan carries its own for its reports. */
    timeZone: z.string().refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'not an IANA time zone'),
    identity: Identity.default({ kind: 'cognito' }),
    mail: Mail,
    /** Who is told when an alarm fires (an SNS email subscription each; may be empty). */
    operatorEmails: z.array(z.email()).default([]),
    /** The HTTP API's steady rate and burst, per second, for all routes together. */
    throttle: z.object({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() }),
    /** How long function and access logs are kept, in days. */
    logRetentionDays: z.union([z.literal(30), z.literal(90), z.literal(365)]).default(30),
    /** Emails the mailer may send per second (SES's account quota; 1 in the SES sandbox). */
    mailPerSecond: z.number().positive().default(1),
    /** Daily backups of the Events table kept this many days in a locked vault. */
    backupRetentionDays: z.number().int().min(7).max(3650).default(35),
    /**
     * A stage kept in the repository as a template to synthesize and review may name example.org and
     * friends; `npm run deploy` (context `deploying`) refuses them in every stage.
     */
    placeholdersAllowed: z.boolean().default(false),
  })
  .superRefine((config, ctx) => {
    if (config.placeholdersAllowed) return;
    const hosts: [string, string][] = [
      ...config.allowedOrigins.map((o, i): [string, string] => [`allowedOrigins.${i}`, new URL(o).hostname]),
      ...(config.publicUrl ? [['publicUrl', new URL(config.publicUrl).hostname] as [string, string]] : []),
      ['mail.from', hostOfEmail(config.mail.from)],
      ...config.operatorEmails.map((e, i): [string, string] => [`operatorEmails.${i}`, hostOfEmail(e)]),
      ...(config.mail.kind === 'ses' ? [['mail.domain', config.mail.domain] as [string, string]] : []),
      ...(config.identity.kind === 'oidc'
        ? [['identity.issuer', new URL(config.identity.issuer).hostname] as [string, string]]
        : []),
    ];
    for (const [path, host] of hosts)
      if (isPlaceholderHost(host))
        ctx.addIssue({
          code: 'custom',
          path: path.split('.'),
          message: `"${host}" is a placeholder; give this stage's real value (-c ledger='{…}')`,
        });
    if (config.mail.kind === 'ses' && hostOfEmail(config.mail.from) !== config.mail.domain)
      ctx.addIssue({ code: 'custom', path: ['mail', 'from'], message: 'must be an address of mail.domain' });
  });
export type StageConfig = z.infer<typeof StageConfig>;
export type StageInput = z.input<typeof StageConfig>;
