import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../functions/adapters/dynamodb-client.js';
import { createTables } from '../infra/local/create-tables.js';
import { startDynalite } from '../infra/local/engine.js';

/**
 * The floor for write throughput: a Node `http` handler that parses the JSON body and does one
 * conditional PutItem into a fresh dynalite of its own (the same engine, in the same process, as
 * `npm start`). What an enrolment costs above it is our guarantees: the data key, the commit, the
 * session write and the projector's view writes.
 */
export async function startMinimalHandler(): Promise<{ url: string; close(): Promise<void> }> {
  const engine = await startDynalite();
  await createTables(engine.endpoint);
  const client = createDocumentClient({ endpoint: engine.endpoint });
  let n = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', async () => {
      const item = JSON.parse(body) as Record<string, unknown>;
      await client.send(
        new PutCommand({
          TableName: 'Views',
          Item: { pk: `minimal#${n++}`, sk: 'x', ...item },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await engine.close();
    },
  };
}
