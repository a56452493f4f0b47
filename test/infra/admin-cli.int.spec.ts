import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../functions/http/principal.js';
import { ledgerClaims } from '../../functions/identity/token-claims.js';
import { type MotoServer, motoClientConfig, motoServer, skipWithoutMoto } from '../support/moto.js';

const run = promisify(execFile);

/**
 * The runbook's offline step for identity: `npm run admin` against moto's Cognito creates a
 * community's first administrator in the admin group and signs them in from the shell (first
 * sign-in: a new password), giving a token with their groups.
 */
describe.skipIf(skipWithoutMoto("the operators' admin tool against Cognito"))(
  'npm run admin (moto Cognito)',
  () => {
    let moto: MotoServer;
    let pool: string;
    let client: string;
    let cognito: CognitoIdentityProviderClient;
    const admin = (...args: string[]) =>
      run('npx', ['tsx', 'infra/operations/admin-cli.ts', ...args], {
        env: {
          ...process.env,
          AWS_ENDPOINT_URL: moto.endpoint,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
        },
      });

    beforeAll(async () => {
      moto = await motoServer();
      cognito = new CognitoIdentityProviderClient(motoClientConfig(moto.endpoint));
      // The pool as the stack makes it: a custom community attribute, a group per role, the operators' client.
      pool = (
        await cognito.send(
          new CreateUserPoolCommand({
            PoolName: 'ledger-test',
            Schema: [
              { Name: 'community', AttributeDataType: 'String', Mutable: true },
              { Name: 'resident', AttributeDataType: 'String', Mutable: true },
            ],
            AutoVerifiedAttributes: ['email'],
          }),
        )
      ).UserPool!.Id!;
      for (const role of roles)
        await cognito.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: role }));
      client = (
        await cognito.send(
          new CreateUserPoolClientCommand({
            UserPoolId: pool,
            ClientName: 'Operators',
            ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          }),
        )
      ).UserPoolClient!.ClientId!;
    }, 60_000);
    afterAll(async () => moto?.stop());

    /** `npm run admin -- create` for a user of the venus community, with these extra arguments. */
    const create = (email: string, ...extra: string[]) =>
      admin('create', '--pool', pool, '--email', email, '--community', 'venus', ...extra);
    /** `npm run admin -- token` on the operators' client. */
    const token = (email: string, password: string, ...extra: string[]) =>
      admin('token', '--pool', pool, '--client', client, '--email', email, '--password', password, ...extra);
    /** How a refused run ended: its exit code and what it said. */
    const refused = (run: Promise<unknown>) =>
      run.then(
        () => 'accepted',
        (error: { code: number; stderr: string }) => `${error.code} ${error.stderr}`,
      );

    it('creates the first administrator of a community and signs them in from the shell', async () => {
      const email = 'first-admin@venus-community.cn';
      const created = await create(email, '--temporary-password', 'Temporary-Pass-1');
      expect(JSON.parse(created.stdout)).toEqual({ created: email, community: 'venus', roles: ['admin'] });
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool, Username: email }));
      expect(user.UserAttributes).toContainEqual({ Name: 'custom:community', Value: 'venus' });

      const signedIn = await token(email, 'Temporary-Pass-1', '--new-password', 'Lasting-Pass-2!x');
      const claims = decodeJwt(signedIn.stdout.trim());
      expect(claims['cognito:groups']).toEqual(['admin']);
      expect(claims.client_id).toBe(client);
      // Later sign-ins use the new password.
      const again = await token(email, 'Lasting-Pass-2!x');
      expect(decodeJwt(again.stdout.trim()).sub).toBe(claims.sub);
    }, 60_000);

    it('refuses a bad community or role, and a first sign-in without a new password, with a usage line', async () => {
      expect(
        await refused(
          admin(
            'create',
            '--pool',
            pool,
            '--email',
            'x@venus-community.cn',
            '--community',
            'Not A Community',
          ),
        ),
      ).toMatch(/^2 .*not a community name/);
      expect(await refused(create('x@venus-community.cn', '--role', 'mayor'))).toMatch(
        /^2 unknown role: mayor/,
      );
      await create(
        'second@venus-community.cn',
        '--role',
        'auditor',
        '--temporary-password',
        'Temporary-Pass-1',
      );
      expect(await refused(token('second@venus-community.cn', 'Temporary-Pass-1'))).toMatch(
        /^2 first sign-in: give --new-password/,
      );
    }, 60_000);

    it('links an account to the resident it belongs to, which the trigger turns into the resident claim (issue 28)', async () => {
      const resident = '01JZ8Q4W3T5X7Y9A2B4C6D8E0F';
      const email = 'li.fang@venus-community.cn';
      await create(email, '--role', 'resident', '--temporary-password', 'Temporary-Pass-1');
      const attributes = async () =>
        Object.fromEntries(
          (
            (await cognito.send(new AdminGetUserCommand({ UserPoolId: pool, Username: email })))
              .UserAttributes ?? []
          ).map((a) => [a.Name, a.Value]),
        );
      expect(await attributes()).not.toHaveProperty('custom:resident');
      const linked = await admin('link', '--pool', pool, '--email', email, '--resident', resident);
      expect(JSON.parse(linked.stdout)).toEqual({ linked: email, resident });
      const linkedAttributes = await attributes();
      expect(linkedAttributes['custom:resident']).toBe(resident);
      // What the trigger copies into the tokens: the pool's sub is not the resident id.
      expect(linkedAttributes.sub).not.toBe(resident);
      expect(ledgerClaims(linkedAttributes as Record<string, string>)).toEqual({
        community: 'venus',
        resident,
      });

      const unlinked = await admin('link', '--pool', pool, '--email', email, '--unlink');
      expect(JSON.parse(unlinked.stdout)).toEqual({ unlinked: email });
      expect(await attributes()).not.toHaveProperty('custom:resident');

      // Or linked when the account is made.
      const other = 'wang.lei@venus-community.cn';
      const made = await create(other, '--role', 'resident', '--resident', resident);
      expect(JSON.parse(made.stdout)).toMatchObject({ created: other, resident });
      const otherUser = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool, Username: other }));
      expect(otherUser.UserAttributes).toContainEqual({ Name: 'custom:resident', Value: resident });
    }, 60_000);

    it('refuses a link to what is no resident id, both or neither of --resident and --unlink, and an unknown user', async () => {
      const link = (...extra: string[]) =>
        admin('link', '--pool', pool, '--email', 'first-admin@venus-community.cn', ...extra);
      expect(await refused(link('--resident', 'R-1'))).toMatch(/^2 "R-1" is not a resident id/);
      expect(await refused(link())).toMatch(/^2 give either --resident <residentId> or --unlink/);
      expect(await refused(link('--resident', '01JZ8Q4W3T5X7Y9A2B4C6D8E0F', '--unlink'))).toMatch(
        /^2 give either/,
      );
      expect(
        await refused(
          admin(
            'link',
            '--pool',
            pool,
            '--email',
            'nobody@venus-community.cn',
            '--resident',
            '01JZ8Q4W3T5X7Y9A2B4C6D8E0F',
          ),
        ),
      ).toMatch(/^1 admin: .*(not exist|not found)/i);
    }, 60_000);
  },
);
