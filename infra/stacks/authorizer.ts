import type { Stack } from 'aws-cdk-lib';
import type { IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { type IUserPoolClient, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { StageConfig } from '../stage-config.js';
import type { SharedResources } from './handoff.js';

/**
 * API Gateway's JWT authorizer refuses a token whose signature, issuer, audience or `exp` fails; the
 * functions' claims mapping refuses a token without `exp`, or with a community outside
 * COMMUNITY_PATTERN, all the same. Cognito where it exists (the front-end's and the operators'
 * clients); elsewhere the committee's own OIDC provider, by issuer and audience.
 */
export function apiAuthorizer(
  stack: Stack,
  config: StageConfig,
  shared: SharedResources,
  /** The check-in pages' own client of the user pool, whose tokens are accepted as the front-end's. */
  pagesClient?: IUserPoolClient,
): IHttpRouteAuthorizer {
  if (config.identity.kind === 'oidc')
    return new HttpJwtAuthorizer('Oidc', config.identity.issuer, {
      jwtAudience: config.identity.audience,
      identitySource: ['$request.header.Authorization'],
    });
  return new HttpUserPoolAuthorizer(
    'Cognito',
    UserPool.fromUserPoolArn(stack, 'Users', shared.read('UserPoolArn')),
    {
      userPoolClients: [
        UserPoolClient.fromUserPoolClientId(stack, 'Frontend', shared.read('FrontendClientId')),
        UserPoolClient.fromUserPoolClientId(stack, 'Operators', shared.read('OperatorClientId')),
        ...(pagesClient ? [pagesClient] : []),
      ],
      identitySource: ['$request.header.Authorization'],
    },
  );
}
