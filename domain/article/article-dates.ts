import { resolveInstant } from '../shared/time.js';
import type { ArticleDetail } from './article.view.js';

/**
 * The day an article belongs to, as the instant it starts in the plan's zone: the day it was
 * written, or for one recorded before articles were dated, the instant it was recorded.
 */
export const writtenAt = (article: Pick<ArticleDetail, 'writtenOn' | 'submittedAt'>, timeZone: string) =>
  article.writtenOn ? resolveInstant(article.writtenOn, timeZone).toISOString() : article.submittedAt;
