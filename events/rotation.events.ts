/** The rotation events (issue 18): filled in by the capability that owns them. */
export const rotationEvents = [] as const;
export type RotationEvent = never;
