import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { createDocumentClient } from '../functions/adapters/dynamodb-client.js';

const sealed = (key: Buffer, value: string) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return `${iv.toString('base64url')}:${Buffer.concat([cipher.update(value), cipher.final(), cipher.getAuthTag()]).toString('base64url')}`;
};

/**
 * The floor an enrolment is measured against (issue 24): a hand-written Node `http` handler making
 * the same engine calls as `POST /residents` on its request path, in the same order — the new
 * resident's key, then the commit (a conditional PutItem of a chained, hashed item) beside the
 * caller's note of the write (the same UpdateItem the session store sends) — on the same engine. What `POST /residents` costs above it is the
 * framework: token, validation, middlewares, the decider, the commit's encoding.
 */
export async function startSameCallsHandler(
  endpoint: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const client = createDocumentClient({ endpoint });
  // The caller's note of the write, as the session store makes it: an entry in the caller's item of
  // the 15 s window, and once that window holds 64 (bulk work, as a burst is) a slot of 32 instead.
  let fullWindow = -1;
  const noteWrite = async (streamId: string, hash: string) => {
    const at = Date.now();
    const window = Math.floor(at / 15_000);
    if (window !== fullWindow) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: 'Idempotency',
            Key: { id: `$noted#floor#${window}#bench` },
            UpdateExpression: 'SET #note = :note, expiresAt = :expiresAt ADD noted :one',
            ConditionExpression: 'attribute_not_exists(noted) OR noted < :most',
            ExpressionAttributeNames: { '#note': `n${hash.slice(0, 24)}v1` },
            ExpressionAttributeValues: {
              ':note': { s: streamId, v: 1, at },
              ':expiresAt': Math.floor(at / 1000) + 3600,
              ':one': 1,
              ':most': 64,
            },
          }),
        );
        return;
      } catch {
        fullWindow = window;
      }
    }
    await client
      .send(
        new UpdateCommand({
          TableName: 'Idempotency',
          Key: { id: '$session#floor#bench' },
          UpdateExpression: 'SET #slot = :write, expiresAt = :expiresAt',
          ConditionExpression: 'attribute_not_exists(#slot) OR #slot.#at < :at',
          ExpressionAttributeNames: { '#slot': `w${hash.charCodeAt(0) % 32}`, '#at': 'at' },
          ExpressionAttributeValues: {
            ':write': { s: streamId, v: 1, at },
            ':expiresAt': Math.floor(at / 1000) + 86_400,
            ':at': at,
          },
        }),
      )
      .catch(() => undefined);
  };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', async () => {
      const input = JSON.parse(body) as { name: string; householdId: string };
      const id = ulid();
      const key = randomBytes(32);
      await client.send(
        new PutCommand({
          TableName: 'Events',
          Item: { streamId: `$key#floor#${id}`, version: 0, kind: 'key', key: key.toString('base64') },
          ConditionExpression: 'attribute_not_exists(streamId)',
        }),
      );
      const event = {
        type: 'ResidentEnrolled',
        data: { residentId: id, name: sealed(key, input.name), householdId: input.householdId },
      };
      const hash = createHash('sha256').update(JSON.stringify(event)).digest('hex');
      const now = new Date().toISOString();
      await Promise.all([
        client.send(
          new PutCommand({
            TableName: 'Events',
            Item: {
              streamId: `floor#resident#${id}`,
              version: 1,
              commitId: ulid(),
              bucket: `floor#${now.slice(0, 7)}`,
              recordedAt: now,
              hash,
              events: [event],
            },
            ConditionExpression: 'attribute_not_exists(streamId)',
          }),
        ),
        noteWrite(`floor#resident#${id}`, hash),
      ]);
      response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id, version: 1 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
