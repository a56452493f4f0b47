/** The study events (issue 18): filled in by the capability that owns them. */
export const studyEvents = [] as const;
export type StudyEvent = never;
