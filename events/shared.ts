import * as z from 'zod';

export const categories = [
  'publicity',
  'party-education',
  'civic-education',
  'festival',
  'science-popularization',
  'legal-education',
  'sports-fitness',
  'library-reading',
  'youth-practice',
  'civilization-school',
  'performance',
] as const;
export const Category = z.enum(categories);
export type Category = z.infer<typeof Category>;

export const formats = [
  'study-session',
  'seminar',
  'lecture',
  'class',
  'performance',
  'competition',
  'exhibition',
  'visit',
  'publicity',
  'reading',
  'practice',
  'other',
] as const;
export const Format = z.enum(formats);
export type Format = z.infer<typeof Format>;

/** The languages people read the committee's reports in (a plan's `locale`); JSON keeps machine values. */
export const locales = ['zh-CN', 'en'] as const;
export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;

/** An instant, stored in UTC (`…Z`); the plan's time zone says which day and period it falls in. */
export const Instant = z.iso.datetime();

/** A calendar day, `yyyy-mm-dd`, read in the plan's time zone. */
export const LocalDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A planned window, resolved to instants, both included: `[start, end]`. */
export const Window = z.object({ start: Instant, end: Instant });
export type Window = z.infer<typeof Window>;
