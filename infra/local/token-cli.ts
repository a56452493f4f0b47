import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isRole, type Role } from '../../functions/http/principal.js';
import { DEMO_COMMUNITY, devSigningSecret, signDevToken } from './dev-key.js';

/** `npm run token -- --role organizer [--role judge] [--sub ID] [--community C] [--expires 12h]` */
async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, short: 'r' },
      sub: { type: 'string' },
      community: { type: 'string', short: 'c' },
      expires: { type: 'string' },
    },
  });
  const requested = (values.role ?? []).flatMap((r) => r.split(','));
  if (requested.length === 0 || !requested.every(isRole)) {
    console.error(
      'usage: npm run token -- --role <admin|organizer|resident|judge|leader|auditor> [--sub ID] [--community C]',
    );
    process.exit(2);
  }
  const roles = requested as Role[];
  const secret = devSigningSecret(resolve(process.env.DATA_DIR ?? '.data'));
  const token = await signDevToken(secret, {
    roles,
    sub: values.sub ?? `local-${roles[0]}`,
    community: values.community ?? DEMO_COMMUNITY,
    expiresIn: values.expires,
  });
  console.log(token);
}

void main();
