import { type ActivityDetail, activityKey } from '../../../domain/activity/activity.view.js';
import { type ParticipationRow, participationOf } from '../../../domain/activity/participation.view.js';
import { type RegistrationRow, registrationsOf } from '../../../domain/activity/registration.view.js';
import {
  type ArticleDetail,
  type AuthoredArticle,
  articleKey,
  authoredBy,
} from '../../../domain/article/article.view.js';
import {
  type BookDetail,
  type BookReview,
  bookKey,
  bookReviewsOf,
} from '../../../domain/reading/reading.view.js';
import {
  type GoodDeed,
  goodDeedsOf,
  type ModelEntry,
  modelsOf,
} from '../../../domain/recognition/recognition.view.js';
import { type ResidentProfile, residentKey } from '../../../domain/resident/resident.view.js';
import type { DocumentGroup } from '../../../domain/shared/projection.js';
import { assertMayRead } from '../authorization.js';
import { appErrors } from '../errors.js';
import type { Actor } from '../execute.js';
import { readSlice } from '../read-all.js';
import type { ViewStore } from '../view-store.js';
import { inRegistrationOrder } from './activities.queries.js';

export interface ParticipationQueryDeps {
  readonly views: ViewStore;
}

export interface Participation {
  readonly residentId: string;
  readonly activities: readonly (ParticipationRow &
    Partial<Pick<ActivityDetail, 'category' | 'format' | 'window' | 'status'>> & {
      title: string;
      waitlistPosition?: number;
    })[];
  readonly articles: readonly Pick<
    ArticleDetail,
    'articleId' | 'planId' | 'kind' | 'title' | 'status' | 'submittedAt' | 'writtenOn'
  >[];
  readonly goodDeeds: readonly Pick<GoodDeed, 'deedId' | 'title' | 'date' | 'planId'>[];
  readonly models: readonly Pick<ModelEntry, 'modelId' | 'title' | 'citation' | 'recordedAt'>[];
  /** The books they reviewed (the family reading project), each with its title. */
  readonly bookReviews: readonly {
    bookId: string;
    title: string;
    rating: number;
    text: string;
    reviewedAt: string;
  }[];
  readonly totals: {
    readonly registered: number;
    readonly waitlisted: number;
    readonly registrationsCancelled: number;
    readonly attended: number;
    readonly qualityArticles: number;
    readonly goodDeeds: number;
  };
}

/**
 * What a resident took part in: the activities they registered for or attended (with each
 * activity's title, window and status joined from its own detail item), the articles they wrote,
 * their good deeds and the models they were named. Overseers read anyone's; a resident their own.
 */
export async function getParticipation(
  deps: ParticipationQueryDeps,
  actor: Actor,
  input: { residentId: string },
): Promise<Participation> {
  const { community } = actor;
  const { residentId } = input;
  assertMayRead(actor, 'overseers', residentId, 'a resident may read only their own participation');
  const profile = await deps.views.get<ResidentProfile>(residentKey(community, residentId));
  if (!profile || profile.deleted) throw appErrors.notFound(`resident ${residentId}`);
  const read = <D>(slice: DocumentGroup) => readSlice<D>(deps.views, slice);
  const [rows, deeds, models, authored, reviews] = await Promise.all([
    read<ParticipationRow>(participationOf(community, residentId)),
    read<GoodDeed>(goodDeedsOf(community, residentId)),
    read<ModelEntry>(modelsOf(community, residentId)),
    read<AuthoredArticle>(authoredBy(community, residentId)),
    read<BookReview>(bookReviewsOf(community, residentId)),
  ]);
  const books = new Map(
    (await deps.views.getMany<BookDetail>(reviews.map((r) => bookKey(community, r.bookId)))).map(
      (b) => [b.data.bookId, b.data.title] as const,
    ),
  );
  const articles = (
    await deps.views.getMany<ArticleDetail>(authored.map((a) => articleKey(community, a.articleId)))
  ).map(({ data: { articleId, planId, kind, title, status, submittedAt, writtenOn } }) => ({
    articleId,
    planId,
    kind,
    title,
    status,
    submittedAt,
    ...(writtenOn ? { writtenOn } : {}),
  }));
  const details = new Map(
    (await deps.views.getMany<ActivityDetail>(rows.map((r) => activityKey(community, r.activityId)))).map(
      (i) => [i.data.activityId, i.data],
    ),
  );
  const places = await waitlistPlaces(deps.views, community, residentId, rows);
  const activities = rows
    .map((row) => {
      const detail = details.get(row.activityId);
      const place = places.get(row.activityId);
      return {
        ...row,
        ...(place === undefined ? {} : { waitlistPosition: place }),
        title: detail?.title ?? '',
        category: detail?.category,
        format: detail?.format,
        window: detail?.window,
        status: detail?.status,
      };
    })
    .sort((a, b) => (a.window?.start ?? '').localeCompare(b.window?.start ?? ''));
  return {
    residentId,
    activities,
    articles,
    goodDeeds: deeds.map(({ deedId, title, date, planId }) => ({ deedId, title, date, planId })),
    models: models.map(({ modelId, title, citation, recordedAt }) => ({
      modelId,
      title,
      citation,
      recordedAt,
    })),
    bookReviews: reviews.map(({ bookId, rating, text, reviewedAt }) => ({
      bookId,
      title: books.get(bookId) ?? '',
      rating,
      text,
      reviewedAt,
    })),
    totals: {
      registered: rows.filter((r) => r.registered).length,
      waitlisted: rows.filter((r) => r.registration === 'waitlisted').length,
      registrationsCancelled: rows.filter((r) => r.registration === 'cancelled').length,
      attended: rows.filter((r) => r.attended).length,
      qualityArticles: articles.filter((a) => a.status === 'quality').length,
      goodDeeds: deeds.length,
    },
  };
}

/** The resident's place in line on each activity they wait for (one read of each such activity's registrations). */
async function waitlistPlaces(
  views: ViewStore,
  community: string,
  residentId: string,
  rows: readonly ParticipationRow[],
): Promise<Map<string, number>> {
  const waiting = rows.filter((r) => r.registration === 'waitlisted').map((r) => r.activityId);
  const lines = await Promise.all(
    waiting.map(async (activityId) => {
      const ordered = inRegistrationOrder(
        await readSlice<RegistrationRow>(views, registrationsOf(community, activityId)),
      );
      return [activityId, ordered.find((r) => r.residentId === residentId)?.waitlistPosition] as const;
    }),
  );
  return new Map(lines.filter((entry): entry is readonly [string, number] => entry[1] !== undefined));
}
