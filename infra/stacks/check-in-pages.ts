import { Aws, Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import {
  CfnManagedLoginBranding,
  type IUserPool,
  ManagedLoginVersion,
  OAuthScope,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { PageSignIn } from '../../functions/app/web-assets.js';
import type { LedgerFunction } from '../constructs/ledger-function.js';
import type { StageConfig } from '../stage-config.js';
import { userWritableAttributes } from './cognito-identity.js';
import type { SharedResources } from './handoff.js';

/**
 * The key check-in tickets are signed with (HMAC, 64 random characters): the queries function signs
 * the ticket a sign-in sheet's QR code carries, the commands function checks it. It lives with the
 * data, so a redeploy keeps printed sheets working; tickets expire when their check-in closes.
 */
export function ticketSecret(stack: Stack, config: StageConfig): Secret {
  return new Secret(stack, 'CheckInTicketKey', {
    description: `Signs the check-in tickets of printed sign-in sheets (${config.stage})`,
    generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/** The managed-login domain's prefix: the stage's, else one derived from the stage and the account. */
export const loginDomainPrefixOf = (config: StageConfig) =>
  (config.identity.kind === 'cognito' ? config.identity.loginDomainPrefix : undefined) ??
  `ledger-${config.stage}-${Aws.ACCOUNT_ID}`;

/** Where residents and organizers sign in to the pages: the user pool's managed login (its newer version). */
export function loginDomain(config: StageConfig, users: UserPool): UserPoolDomain {
  return users.addDomain('Login', {
    cognitoDomain: { domainPrefix: loginDomainPrefixOf(config) },
    managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
  });
}

/**
 * The pages' own app client (authorization code with PKCE, no secret: a browser holds it), returning
 * to `<publicUrl>/signed-in`, with Cognito's own managed-login look. Its tokens are accepted by the
 * API's authorizer like the front-end's.
 */
export function pagesClient(
  stack: Stack,
  config: StageConfig,
  users: IUserPool,
  publicUrl: string,
): { readonly client: UserPoolClient; readonly signIn: PageSignIn } {
  const client = new UserPoolClient(stack, 'PagesClient', {
    userPool: users,
    generateSecret: false,
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [OAuthScope.OPENID],
      callbackUrls: [`${publicUrl}/signed-in`],
      logoutUrls: [`${publicUrl}/signed-in`],
    },
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    // Named, so the page's access token cannot write the attributes that link the user to a resident.
    writeAttributes: userWritableAttributes(),
    preventUserExistenceErrors: true,
    // A kiosk stays signed in through an evening's activity; a phone signs in again the next day.
    accessTokenValidity: Duration.hours(8),
    idTokenValidity: Duration.hours(8),
    refreshTokenValidity: Duration.days(1),
  });
  new CfnManagedLoginBranding(stack, 'PagesLoginBranding', {
    userPoolId: users.userPoolId,
    clientId: client.userPoolClientId,
    useCognitoProvidedValues: true,
  });
  const domain = `https://${loginDomainPrefixOf(config)}.auth.${config.region}.amazoncognito.com`;
  return {
    client,
    signIn: {
      kind: 'oauth',
      authorizeUrl: `${domain}/oauth2/authorize`,
      tokenUrl: `${domain}/oauth2/token`,
      clientId: client.userPoolClientId,
      logoutUrl: `${domain}/logout`,
    },
  };
}

/**
 * The check-in pages on AWS: where they are (PUBLIC_URL: the stage's `publicUrl`, else the API's own
 * URL), how they sign people in (the pages' client of the user pool's managed login; a stage with
 * another OIDC provider names its client, else the development sign-in), and the ticket key, which
 * the queries function signs with and the commands function checks with. Returns the client the
 * API's authorizer must accept too.
 */
export function wireCheckInPages(
  stack: Stack,
  config: StageConfig,
  shared: SharedResources,
  functions: { readonly commands: LedgerFunction; readonly queries: LedgerFunction },
  apiUrl: string,
): UserPoolClient | undefined {
  const publicUrl = config.publicUrl ?? apiUrl;
  const key = Secret.fromSecretCompleteArn(stack, 'CheckInTicketKey', shared.read('CheckInTicketSecretArn'));
  for (const fn of [functions.commands, functions.queries]) {
    key.grantRead(fn);
    fn.addEnvironment('CHECK_IN_TICKET_SECRET_ARN', key.secretArn);
  }
  functions.queries.addEnvironment('PUBLIC_URL', publicUrl);
  let client: UserPoolClient | undefined;
  let signIn: PageSignIn | undefined;
  if (config.identity.kind === 'cognito') {
    const users = UserPool.fromUserPoolArn(stack, 'PagesUsers', shared.read('UserPoolArn'));
    ({ client, signIn } = pagesClient(stack, config, users, publicUrl));
  } else if (config.identity.pagesClient) {
    signIn = { kind: 'oauth', ...config.identity.pagesClient };
  }
  if (signIn) functions.queries.addEnvironment('PAGES_SIGN_IN', stack.toJsonString(signIn));
  return client;
}
