import * as z from 'zod';
import { defineEvent } from './define.js';
import { freeText } from './personal-data.js';
import { LocalDay } from './shared.js';

export const ArticleKind = z.enum(['theory-article', 'research-report', 'reading-essay']);
export type ArticleKind = z.infer<typeof ArticleKind>;
export const Verdict = z.enum(['quality', 'accepted', 'needs-revision', 'rejected']);
export type Verdict = z.infer<typeof Verdict>;

/** The body is stored once, content-addressed; the event keeps its digest so history proves which text it was. */
export const BodyRef = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(0),
});

export const ArticleSubmitted = defineEvent(
  'ArticleSubmitted',
  z.object({
    articleId: z.string(),
    planId: z.string(),
    authorId: z.string(),
    kind: ArticleKind,
    title: z.string(),
    abstract: z.string().optional(),
    body: BodyRef,
    writtenOn: LocalDay.optional().describe(
      "The day the author wrote or handed in the article, in the plan's time zone (never after the day it was recorded, always in the plan's year); absent on articles recorded before the field existed: the day it was recorded",
    ),
  }),
);

export const ArticleRevised = defineEvent(
  'ArticleRevised',
  z.object({ title: z.string(), abstract: z.string().optional(), body: BodyRef }),
);

export const ArticleReviewed = defineEvent(
  'ArticleReviewed',
  z.object({
    verdict: Verdict,
    comments: freeText().optional(),
    reviewerId: z.string(),
    reviewedOn: LocalDay.optional().describe(
      "The day the article was reviewed, in the plan's time zone (never before the day it was written nor after the day it was recorded); absent on reviews recorded before the field existed: the day it was recorded",
    ),
  }),
);

export const articleEvents = [ArticleSubmitted, ArticleRevised, ArticleReviewed] as const;
