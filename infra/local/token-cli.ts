import { parseArgs } from 'node:util';
import { isRole, type Role } from '../../functions/http/principal.js';
import { DEMO_COMMUNITY, devSigningSecret, signDevToken } from './dev-key.js';
import { dataDirOf, endQuietlyOnBrokenPipe, helpAsked } from './shell-tool.js';

const usage = `usage: npm run token -- --role <admin|organizer|resident|judge|leader|auditor> [--role …] [--sub ID] [--resident ID | --no-resident] [--community C] [--expires 12h]
  signs a token with the key of the data folder (DATA_DIR, default the project's .data/): only a
  server started on that folder accepts it. Its \`resident\` claim (the resident the holder is; the
  subject unless --resident names another) is what Cognito's pre-token-generation trigger adds on AWS`;

/** `npm run token -- --role organizer [--role judge] [--sub ID] [--resident ID] [--community C] [--expires 12h]` */
async function main() {
  endQuietlyOnBrokenPipe();
  if (helpAsked(process.argv.slice(2))) {
    console.log(usage);
    return;
  }
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, short: 'r' },
      sub: { type: 'string' },
      resident: { type: 'string' },
      'no-resident': { type: 'boolean' },
      community: { type: 'string', short: 'c' },
      expires: { type: 'string' },
    },
  });
  const requested = (values.role ?? []).flatMap((r) => r.split(','));
  if (requested.length === 0 || !requested.every(isRole)) {
    console.error(usage);
    process.exit(2);
  }
  const roles = requested as Role[];
  if (values.resident !== undefined && values['no-resident']) {
    console.error(`--resident and --no-resident contradict each other\n${usage}`);
    process.exit(2);
  }
  const secret = devSigningSecret(dataDirOf());
  const token = await signDevToken(secret, {
    roles,
    sub: values.sub ?? `local-${roles[0]}`,
    resident: values['no-resident'] ? null : values.resident,
    community: values.community ?? DEMO_COMMUNITY,
    expiresIn: values.expires,
  });
  console.log(token);
}

void main();
