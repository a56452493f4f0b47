/** The reading events (issue 18): filled in by the capability that owns them. */
export const readingEvents = [] as const;
export type ReadingEvent = never;
