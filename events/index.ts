import type { EventOf } from './define.js';
import type { ResidentEnrolled } from './resident.events.js';

export * from './canonical-json.js';
export * from './define.js';
export * from './envelope.js';
export * from './registry.js';
export * from './resident.events.js';

export type ResidentEvent = EventOf<typeof ResidentEnrolled>;

/** Every current domain event, as deciders emit and projections read them. */
export type DomainEvent = ResidentEvent;
export type DomainEventType = DomainEvent['type'];
