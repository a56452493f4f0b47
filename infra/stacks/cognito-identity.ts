import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { roles } from '../../functions/http/principal.js';
import { LedgerFunction } from '../constructs/ledger-function.js';
import { identityFunctions } from '../functions.js';
import type { StageConfig } from '../stage-config.js';
import type { MailIdentity } from './mail-identity.js';

export interface CognitoIdentity {
  readonly users: UserPool;
  readonly frontendClient: UserPoolClient;
  /** Operators' client: `npm run admin -- token` signs in with ADMIN_USER_PASSWORD_AUTH (IAM-guarded). */
  readonly operatorClient: UserPoolClient;
  readonly tokenClaims: LedgerFunction;
}

/**
 * What a user may change of their own account from an app client: their name. Every client names its
 * write attributes (one that names none may write the pool's attributes), so the attributes that say
 * where a user stands in the ledger (`custom:community`, `custom:resident`) are never writable by the
 * user; administrators set them with AdminUpdateUserAttributes (`npm run admin`).
 */
export const userWritableAttributes = () => new ClientAttributes().withStandardAttributes({ fullname: true });

/**
 * Cognito groups are the roles; the community and the resident a user is come from attributes only
 * administrators set (the pre-token-generation trigger copies them into the tokens). Invitations go through the stage's SES
 * domain, not Cognito's own low-quota mailer.
 */
export function cognitoIdentity(stack: Stack, config: StageConfig, mail: MailIdentity): CognitoIdentity {
  const tokenClaims = new LedgerFunction(stack, 'TokenClaims', {
    name: 'tokenClaims',
    entry: identityFunctions.tokenClaims,
    description: "Adds the user's community and resident to ID and access tokens (pre token generation v2)",
    memorySize: 256,
    timeout: Duration.seconds(5),
    logRetention: RetentionDays.ONE_MONTH,
  });
  const users = new UserPool(stack, 'Users', {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    // Access-token customisation (the `community` claim) needs the Essentials plan.
    featurePlan: FeaturePlan.ESSENTIALS,
    mfa: Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: {
      minLength: 12,
      requireDigits: true,
      requireLowercase: true,
      requireUppercase: true,
      requireSymbols: true,
    },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    customAttributes: {
      community: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }),
      // The resident's id in the ledger (a ULID): mutable so an administrator can correct a link.
      resident: new StringAttribute({ mutable: true, minLen: 26, maxLen: 26 }),
    },
    email:
      mail.kind === 'ses'
        ? UserPoolEmail.withSES({
            fromEmail: mail.from,
            fromName: 'Community Culture Ledger',
            sesVerifiedDomain: config.mail.kind === 'ses' ? config.mail.domain : undefined,
            configurationSetName: mail.configurationSet.configurationSetName,
            sesRegion: config.region,
          })
        : undefined,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  users.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, tokenClaims, LambdaVersion.V2_0);
  const frontendClient = users.addClient('Frontend', {
    authFlows: { userSrp: true },
    // Users may read their community and resident, never write them (an administrator sets them).
    writeAttributes: userWritableAttributes(),
    preventUserExistenceErrors: true,
  });
  // Admin-initiated sign-in needs AWS credentials allowed cognito-idp:AdminInitiateAuth: kept to
  // operators smoke-testing a deployment, never to a browser.
  const operatorClient = users.addClient('Operators', {
    authFlows: { adminUserPassword: true },
    writeAttributes: userWritableAttributes(),
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.minutes(15),
    idTokenValidity: Duration.minutes(15),
  });
  for (const role of roles) {
    new CfnUserPoolGroup(stack, `Group-${role}`, {
      userPoolId: users.userPoolId,
      groupName: role,
      description: `The ${role} role of the Community Culture Ledger API`,
    });
  }
  return { users, frontendClient, operatorClient, tokenClaims };
}
