import type { DomainEvent } from '../../events/index.js';
import type { Projection } from './projection.js';
import { residentProfiles } from './resident.view.js';

export * from './projection.js';
export * from './resident.view.js';

/** Every live view, in the order the projector applies them. */
export const projections: readonly Projection<DomainEvent, Record<string, unknown>>[] = [residentProfiles];
