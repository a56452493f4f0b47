import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { createDocumentClient } from '../functions/adapters/dynamodb-client.js';

/**
 * The baseline for cold starts: a bare middy handler that builds the same SDK clients our functions
 * build and does one read, so the difference is what our code (zod schemas, routes, views) costs.
 */
const dynamo = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
export const clients = [
  new KMSClient({}),
  new SESv2Client({}),
  new EventBridgeClient({}),
  new LambdaClient({}),
];

export const handler = middy(async () => {
  const item = await dynamo.send(
    new GetCommand({
      TableName: process.env.EVENTS_TABLE ?? 'Events',
      Key: { streamId: 'none', version: 1 },
    }),
  );
  return { statusCode: 200, body: JSON.stringify({ found: Boolean(item.Item) }) };
});
