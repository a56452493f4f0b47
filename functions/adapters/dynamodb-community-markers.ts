import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from './dynamodb-client.js';

/** The index that orders each community's commits, and holds the registry of communities. */
export const GLOBAL_ORDER_INDEX = 'byCommunityMonth';
/** The index partition listing every community (a community name never starts with `$`). */
const COMMUNITY_REGISTRY = '$communities';
/** Each community's marker partition (its first month, its place in the registry). */
export const COMMUNITY_MARKER_PREFIX = '$community#';

/**
 * One marker item per community in the Events table: the month it first wrote in (so a full read
 * of its history knows where to start) and its place in the registry (one partition of the
 * global-order index, sorted by name), so listing communities is a Query, never a Scan.
 */
export class DynamoDbCommunityMarkers {
  private readonly known = new Set<string>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<string[]> {
    const found: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GLOBAL_ORDER_INDEX,
          KeyConditionExpression: '#bucket = :registry',
          ExpressionAttributeNames: { '#bucket': 'bucket' },
          ExpressionAttributeValues: { ':registry': COMMUNITY_REGISTRY },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) found.push(String(item.commitId));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found.sort();
  }

  async firstMonthOf(community: string): Promise<string | undefined> {
    const result = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { streamId: COMMUNITY_MARKER_PREFIX + community, version: 0 },
        ConsistentRead: true,
      }),
    );
    return result.Item?.firstMonth as string | undefined;
  }

  /** Writes the community's marker the first time it writes (once per process: after that, nothing). */
  async remember(community: string, at: Date): Promise<void> {
    if (this.known.has(community)) return;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            streamId: COMMUNITY_MARKER_PREFIX + community,
            version: 0,
            kind: 'community',
            firstMonth: at.toISOString().slice(0, 7),
            // Its place in the registry; no commit has this bucket.
            bucket: COMMUNITY_REGISTRY,
            commitId: community,
          },
          ConditionExpression: 'attribute_not_exists(streamId)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    this.known.add(community);
  }
}
