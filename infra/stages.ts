import type { StageInput } from './stage-config.js';

/**
 * One entry per deployment. Values here are not secrets (no keys, no passwords): an address to send
 * from, the front-ends' origins, where alarms go. A stage's real domain names are given at deploy
 * time (`npm run deploy -- -c stage=prod -c ledger='{"mail":{…},"allowedOrigins":[…]}'`): the
 * repository names none, and deploying refuses a placeholder (example.org, *.test, localhost).
 * Which stage for which jurisdiction: README, "Deploying".
 */
export const stages: Record<string, Omit<StageInput, 'stage'>> = {
  /** A developer's own account: Cognito and SES, outside mainland China. */
  dev: {
    region: 'ap-southeast-1',
    allowedOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'],
    timeZone: 'Asia/Shanghai',
    mail: { kind: 'ses', domain: 'example.org', from: 'reports@example.org' },
    operatorEmails: [],
    throttle: { rateLimit: 20, burstLimit: 40 },
    logRetentionDays: 30,
    placeholdersAllowed: true,
  },
  /**
   * Outside mainland China (Cognito, SES). Its origins, mail domain and operators come from context
   * at deployment: synthesis stops with the missing field until they are given.
   */
  prod: {
    region: 'ap-southeast-1',
    timeZone: 'Asia/Shanghai',
    // A district of a few hundred communities: check-ins at the start of an event come in bursts.
    throttle: { rateLimit: 200, burstLimit: 400 },
    logRetentionDays: 365,
    // Out of the SES sandbox, a new account's quota starts at 14 messages a second.
    mailPerSecond: 14,
  } as Omit<StageInput, 'stage'>,
  /**
   * Mainland China (AWS China, Ningxia; partition aws-cn): residents' personal information stays in
   * China. No Cognito user pools and no SES there: the committee's OIDC provider signs the tokens
   * and its SMTP relay sends the mail. The values below are placeholders to synthesize and review
   * the stage; deploying refuses them until the committee's issuer, origins and relay are given.
   */
  cn: {
    region: 'cn-northwest-1',
    allowedOrigins: ['https://ledger.example.org'],
    timeZone: 'Asia/Shanghai',
    identity: {
      kind: 'oidc',
      issuer: 'https://login.example.org/realms/ledger',
      audience: ['community-culture-ledger'],
      communityClaim: 'community',
      rolesClaim: 'roles',
      residentClaim: 'resident',
    },
    mail: { kind: 'smtp', from: 'reports@example.org', secretName: 'community-culture-ledger/smtp' },
    operatorEmails: [],
    throttle: { rateLimit: 50, burstLimit: 100 },
    logRetentionDays: 365,
    mailPerSecond: 5,
    placeholdersAllowed: true,
  },
};
