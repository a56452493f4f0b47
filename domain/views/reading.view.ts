import type { DomainEvent } from '../../events/index.js';
import type { Projection } from './projection.js';

/** The reading views (issue 18): filled in by the capability that owns them. */
export const readingProjections: readonly Projection<DomainEvent, Record<string, unknown>>[] = [];
