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

/** One item per commit: `streamId` + first version; global order per community-month by commit id. */
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

/** One record per (community, Idempotency-Key): the request's fingerprint and the first answer. */
export const idempotencyTable: TableDesign = {
  logicalName: 'Idempotency',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [],
};

export const allTables = [eventsTable, viewsTable, idempotencyTable] as const;
