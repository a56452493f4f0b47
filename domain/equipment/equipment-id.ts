/**
 * An item of equipment lives in its venue's stream, and its id names that venue:
 * `<venueId>-<itemKey>`. A command on `/equipment/{id}` so finds the stream to load without reading
 * a view (which may lag behind the installation just recorded). Ids we issue hold no `-`.
 */
export const equipmentIdOf = (venueId: string, itemKey: string): string => `${venueId}-${itemKey}`;

/** The venue an equipment id names (undefined when it names none). */
export function venueOfEquipment(equipmentId: string): string | undefined {
  const dash = equipmentId.indexOf('-');
  return dash > 0 && dash < equipmentId.length - 1 ? equipmentId.slice(0, dash) : undefined;
}
