/** The equipment events (issue 18): filled in by the capability that owns them. */
export const equipmentEvents = [] as const;
export type EquipmentEvent = never;
