import type { StageInput } from './stage-config.js';

/**
 * One entry per deployment. Values here are not secrets (no keys, no passwords): an address to send
 * from, the front-ends' origins, where alarms go. Add a stage, then `npm run deploy -- -c stage=<name>`.
 */
export const stages: Record<string, Omit<StageInput, 'stage'>> = {
  dev: {
    region: 'ap-southeast-1',
    allowedOrigins: ['http://localhost:5173'],
    timeZone: 'Asia/Shanghai',
    senderAddress: 'reports@example.org',
    operatorEmails: [],
    throttle: { rateLimit: 20, burstLimit: 40 },
    logRetentionDays: 30,
  },
  prod: {
    region: 'ap-southeast-1',
    allowedOrigins: ['https://ledger.example.org'],
    timeZone: 'Asia/Shanghai',
    senderAddress: 'reports@example.org',
    operatorEmails: ['operators@example.org'],
    // A district of a few hundred communities: check-ins at the start of an event come in bursts.
    throttle: { rateLimit: 200, burstLimit: 400 },
    logRetentionDays: 365,
  },
};
