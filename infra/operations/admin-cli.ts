import { parseArgs } from 'node:util';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminUpdateUserAttributesCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { COMMUNITY_PATTERN } from '../../domain/shared/ids.js';
import { isRole } from '../../functions/http/principal.js';
import {
  COMMUNITY_ATTRIBUTE,
  RESIDENT_ATTRIBUTE,
  RESIDENT_ID_PATTERN,
} from '../../functions/identity/token-claims.js';

const USAGE = `usage:
  npm run admin -- create --pool <UserPoolId> --email <address> --community <community> [--role admin] [--role …] [--resident <residentId>] [--temporary-password P]
  npm run admin -- link   --pool <UserPoolId> --email <address> (--resident <residentId> | --unlink)
  npm run admin -- token  --pool <UserPoolId> --client <OperatorClientId> --email <address> --password P [--new-password P2] [--totp 123456]
AWS credentials and region come from the environment (AWS_PROFILE, AWS_REGION; AWS_ENDPOINT_URL for an emulator);
link needs cognito-idp:AdminUpdateUserAttributes on the pool (AdminDeleteUserAttributes for --unlink).`;

class UsageError extends Error {}

/**
 * Operators' work on a Cognito stage: the first administrator of a community, linking an account to
 * the resident it belongs to, and a token from the shell.
 */
async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      pool: { type: 'string' },
      client: { type: 'string' },
      email: { type: 'string' },
      community: { type: 'string' },
      resident: { type: 'string' },
      unlink: { type: 'boolean' },
      role: { type: 'string', multiple: true },
      'temporary-password': { type: 'string' },
      password: { type: 'string' },
      'new-password': { type: 'string' },
      totp: { type: 'string' },
    },
  });
  const need = (name: keyof typeof values) => {
    const value = values[name];
    if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
    return value;
  };
  const cognito = new CognitoIdentityProviderClient({});
  if (positionals[0] === 'create') {
    const community = need('community');
    if (!COMMUNITY_PATTERN.test(community))
      throw new UsageError(`"${community}" is not a community name (${COMMUNITY_PATTERN})`);
    const roles = values.role ?? ['admin'];
    const unknown = roles.filter((r) => !isRole(r));
    if (unknown.length > 0) throw new UsageError(`unknown role: ${unknown.join(', ')}`);
    const email = need('email');
    const pool = need('pool');
    const resident = values.resident === undefined ? undefined : residentIdOf(values.resident);
    // Cognito emails the temporary password (through the stage's SES domain) unless one is given.
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: pool,
        Username: email,
        TemporaryPassword: values['temporary-password'],
        DesiredDeliveryMediums: ['EMAIL'],
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          { Name: COMMUNITY_ATTRIBUTE, Value: community },
          ...(resident ? [{ Name: RESIDENT_ATTRIBUTE, Value: resident }] : []),
        ],
      }),
    );
    for (const role of roles)
      await cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: email, GroupName: role }),
      );
    console.log(JSON.stringify({ created: email, community, roles, ...(resident ? { resident } : {}) }));
    return;
  }
  if (positionals[0] === 'link') {
    const [pool, email] = [need('pool'), need('email')];
    if (Boolean(values.unlink) === (values.resident !== undefined))
      throw new UsageError('give either --resident <residentId> or --unlink');
    await linkResident(cognito, pool, email, values.unlink ? undefined : residentIdOf(values.resident!));
    console.log(
      JSON.stringify(values.unlink ? { unlinked: email } : { linked: email, resident: values.resident }),
    );
    return;
  }
  if (positionals[0] === 'token') {
    console.log(
      await signIn(cognito, {
        pool: need('pool'),
        client: need('client'),
        email: need('email'),
        password: need('password'),
        newPassword: values['new-password'],
        totp: values.totp,
      }),
    );
    return;
  }
  throw new UsageError(positionals[0] ? `unknown command "${positionals[0]}"` : 'a command is required');
}

/** A resident's id as the ledger makes it (a ULID); anything else would link the account to no one. */
function residentIdOf(value: string): string {
  if (!RESIDENT_ID_PATTERN.test(value))
    throw new UsageError(
      `"${value}" is not a resident id (the id the ledger gave the resident, 26 characters)`,
    );
  return value;
}

/**
 * Links a user to the resident they are (or unlinks them): the attribute the pre-token-generation
 * trigger copies into the `resident` claim, which no app client may write. It takes effect at the
 * user's next sign-in or token refresh; tokens already issued keep the claim they had until they expire.
 */
async function linkResident(
  cognito: CognitoIdentityProviderClient,
  pool: string,
  email: string,
  resident: string | undefined,
): Promise<void> {
  if (resident === undefined)
    await cognito.send(
      new AdminDeleteUserAttributesCommand({
        UserPoolId: pool,
        Username: email,
        UserAttributeNames: [RESIDENT_ATTRIBUTE],
      }),
    );
  else
    await cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: pool,
        Username: email,
        UserAttributes: [{ Name: RESIDENT_ATTRIBUTE, Value: resident }],
      }),
    );
}

/**
 * ADMIN_USER_PASSWORD_AUTH on the operators' client, answering the challenges a first sign-in
 * meets: a new password, then setting up TOTP (MFA is required), then the TOTP code.
 */
async function signIn(
  cognito: CognitoIdentityProviderClient,
  a: { pool: string; client: string; email: string; password: string; newPassword?: string; totp?: string },
): Promise<string> {
  let answer = await cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: a.pool,
      ClientId: a.client,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: a.email, PASSWORD: a.password },
    }),
  );
  for (let step = 0; answer.ChallengeName && step < 4; step++) {
    const respond = (ChallengeResponses: Record<string, string>) =>
      cognito.send(
        new AdminRespondToAuthChallengeCommand({
          UserPoolId: a.pool,
          ClientId: a.client,
          ChallengeName: answer.ChallengeName,
          Session: answer.Session,
          ChallengeResponses: { USERNAME: a.email, ...ChallengeResponses },
        }),
      );
    if (answer.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
      if (!a.newPassword)
        throw new UsageError('first sign-in: give --new-password (12+ characters, mixed, a digit, a symbol)');
      answer = await respond({ NEW_PASSWORD: a.newPassword });
    } else if (answer.ChallengeName === 'MFA_SETUP') {
      const { SecretCode, Session } = await cognito.send(
        new AssociateSoftwareTokenCommand({ Session: answer.Session }),
      );
      if (!a.totp) {
        console.error(
          `add this TOTP secret to an authenticator app, then run again with --totp <code>:\n  otpauth://totp/CommunityCultureLedger:${a.email}?secret=${SecretCode}`,
        );
        process.exit(3);
      }
      const verified = await cognito.send(new VerifySoftwareTokenCommand({ Session, UserCode: a.totp }));
      answer = { ...answer, Session: verified.Session };
      answer = await respond({});
    } else if (answer.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
      if (!a.totp) throw new UsageError('give --totp with the current code from your authenticator app');
      answer = await respond({ SOFTWARE_TOKEN_MFA_CODE: a.totp });
    } else throw new Error(`unexpected challenge ${answer.ChallengeName}`);
  }
  const token = answer.AuthenticationResult?.AccessToken;
  if (!token) throw new Error(`no token: ${answer.ChallengeName ?? 'no result'}`);
  return token;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(
    error instanceof UsageError ? `${error.message}\n${USAGE}` : `admin: ${(error as Error).message}`,
  );
  process.exit(error instanceof UsageError ? 2 : 1);
});
