/** The series events (issue 18): filled in by the capability that owns them. */
export const seriesEvents = [] as const;
export type SeriesEvent = never;
