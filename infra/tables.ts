/**
 * Key design of the three tables, shared by the CDK stacks and the local runtime so that what is
 * tested locally has the same keys and indexes as what is deployed.
 */
export interface TableDesign {
  readonly logicalName: string;
  readonly partitionKey: { name: string; type: 'S' | 'N' };
  readonly sortKey?: { name: string; type: 'S' | 'N' };
  readonly indexes: readonly {
    readonly name: string;
    readonly partitionKey: { name: string; type: 'S' | 'N' };
    readonly sortKey: { name: string; type: 'S' | 'N' };
  }[];
}

/**
 * The ledger: one item per commit (`streamId` + its first version), and beside them in their own
 * partitions the items that must live and die with history: snapshots (at a commit's version + ½),
 * the `$community#` markers, the daily digests, article bodies and residents' data keys. The index
 * gives each community's commits in global order, per month, by commit id (only commits carry `bucket`).
 */
export const eventsTable: TableDesign = {
  logicalName: 'Events',
  partitionKey: { name: 'streamId', type: 'S' },
  sortKey: { name: 'version', type: 'N' },
  indexes: [
    {
      name: 'byCommunityMonth',
      partitionKey: { name: 'bucket', type: 'S' },
      sortKey: { name: 'commitId', type: 'S' },
    },
  ],
};

/** Read models; `gsi1` serves ordered lists (calendar by date, lists by plan). */
export const viewsTable: TableDesign = {
  logicalName: 'Views',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    {
      name: 'gsi1',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
  ],
};

/**
 * Short-lived request state, keyed by `id`: one record per (community, Idempotency-Key) with the
 * request's fingerprint and the first answer, and each caller's notes of
 * their recent writes (read-your-writes): `$noted#` items per 15 s window, a `$session#` item of slots.
 */
export const idempotencyTable: TableDesign = {
  logicalName: 'Idempotency',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [],
};

export const allTables = [eventsTable, viewsTable, idempotencyTable] as const;
