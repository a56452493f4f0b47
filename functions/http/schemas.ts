import * as z from 'zod';
import { isDateOrDateTime, isPeriod } from '../../domain/shared/time.js';

/** What every command answers (API.md): the aggregate, its new version, the events, a read-your-writes token. */
export const CommandAnswer = z
  .object({
    id: z.string(),
    streamId: z.string(),
    version: z.number().int(),
    events: z.array(z.object({ eventId: z.string(), type: z.string() })),
    position: z.string().describe('pass as ?consistentWith= to a query to read this write'),
  })
  .meta({ id: 'CommandAnswer' });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2048).optional(),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Ids we issue are ULIDs; anything else cannot name one of ours. */
export const Id = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a valid id');

/** A date (`2026-04-20`, that day in the plan's time zone) or a date-time with its offset. */
export const DateOrDateTime = z
  .string()
  .refine(
    isDateOrDateTime,
    'expected a date (2026-04-20) or a date-time with offset (2026-04-20T09:00:00+08:00)',
  )
  .meta({ examples: ['2026-04-20', '2026-04-20T09:00:00+08:00'] });

/** A calendar date, read in the zone of what it dates. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date (2026-04-20)')
  .refine(isDateOrDateTime, 'not a date');

/** A year, a quarter or a month of one. */
export const Period = z.string().refine(isPeriod, 'a period: 2026, 2026-Q2 or 2026-05');

export const trimmed = (max: number) => z.string().trim().min(1).max(max);
