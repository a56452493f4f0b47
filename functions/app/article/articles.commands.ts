import {
  type ArticleCommand,
  articleDecider,
  writtenOnProblem,
} from '../../../domain/article/article.decider.js';
import { planDecider } from '../../../domain/plan/plan.decider.js';
import { planErrors } from '../../../domain/plan/plan.errors.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { DEFAULT_TIME_ZONE, localDate } from '../../../domain/shared/time.js';
import type { ArticleKind, Verdict } from '../../../events/index.js';
import { assertActsFor } from '../authorization.js';
import type { BlobStore } from '../blob-store.js';
import type { CommandService } from '../command-handler.js';
import { appErrors } from '../errors.js';
import { type CommandActor, type CommandResult, executeOn } from '../execute.js';
import { residentState } from '../plan/roster.commands.js';
import type { Clock } from '../ports.js';

export interface ArticleCommandDeps {
  readonly commands: CommandService;
  /** Bodies are stored once, before the event that names them by their SHA-256; events stay small. */
  readonly blobs: Pick<BlobStore, 'put'>;
  /** Today, in the plan's zone: the day an undated article or review is dated, and the last one allowed. */
  readonly clock: Clock;
}

export interface SubmitArticleInput {
  /** Issued by the caller's request. */
  readonly articleId: string;
  readonly planId: string;
  readonly authorId: string;
  readonly kind: ArticleKind;
  readonly title: string;
  readonly abstract?: string;
  readonly body: string;
  /** `yyyy-mm-dd` in the plan's zone; without it, the day it is recorded. */
  readonly writtenOn?: string;
}

export interface ReviseArticleInput {
  readonly articleId: string;
  readonly title?: string;
  readonly abstract?: string;
  readonly body: string;
}

export interface ReviewArticleInput {
  readonly articleId: string;
  readonly verdict: Verdict;
  readonly comments?: string;
  /** `yyyy-mm-dd` in the plan's zone; without it, the day it is recorded. */
  readonly reviewedOn?: string;
}

const onArticle = (
  deps: ArticleCommandDeps,
  actor: CommandActor,
  articleId: string,
  command: ArticleCommand,
) => executeOn(deps.commands, actor, { decider: articleDecider, kind: 'article', id: articleId }, command);

/**
 * A party member submits an article (staff for them). The plan's stream says whether the plan exists,
 * the author's whether they are a party member on the roster.
 */
export async function submitArticle(
  deps: ArticleCommandDeps,
  actor: CommandActor,
  input: SubmitArticleInput,
): Promise<CommandResult> {
  const { community } = actor.principal;
  assertActsFor(actor.principal, input.authorId, 'a resident submits only their own articles');
  const [plan, author] = await Promise.all([
    deps.commands.load(planDecider, streamIdOf(community, 'plan', input.planId)),
    residentState(deps.commands, community, input.authorId),
  ]);
  if (plan.state.status === 'none')
    return { id: input.articleId, outcome: planErrors.notFound(input.planId) };
  const today = localDate(deps.clock.now(), plan.state.timeZone);
  // Judged before the body is stored too, so that a refused date writes nothing.
  const misdated = writtenOnProblem(input.writtenOn ?? today, today, plan.state.year);
  if (misdated) return { id: input.articleId, outcome: misdated };
  const { body: text, ...fields } = input;
  const body = await deps.blobs.put(text);
  return onArticle(deps, actor, input.articleId, {
    type: 'SubmitArticle',
    ...fields,
    body,
    today,
    planYear: plan.state.year,
    author: author.status === 'enrolled' ? { partyMember: author.partyMember } : undefined,
  });
}

/**
 * A revised text, by the article's author (staff for them). Who the author is comes from the
 * article's stream, which already holds the caller's own submission where a view may not yet.
 */
export async function reviseArticle(
  deps: ArticleCommandDeps,
  actor: CommandActor,
  input: ReviseArticleInput,
): Promise<CommandResult> {
  const { community } = actor.principal;
  const loaded = await deps.commands.load(articleDecider, streamIdOf(community, 'article', input.articleId));
  if (loaded.state.status === 'none') throw appErrors.notFound(`article ${input.articleId}`);
  assertActsFor(actor.principal, loaded.state.authorId, 'a resident revises only their own articles');
  const { body: text, ...fields } = input;
  const body = await deps.blobs.put(text);
  return onArticle(deps, actor, input.articleId, { type: 'ReviseArticle', ...fields, body });
}

/**
 * A review by the calling staff member: quality, accepted, needs-revision or rejected. The article's
 * stream names its plan, whose zone says what day today is.
 */
export async function reviewArticle(
  deps: ArticleCommandDeps,
  actor: CommandActor,
  input: ReviewArticleInput,
): Promise<CommandResult> {
  const { community } = actor.principal;
  const article = await deps.commands.load(articleDecider, streamIdOf(community, 'article', input.articleId));
  const plan =
    article.state.status === 'none'
      ? undefined
      : await deps.commands.load(planDecider, streamIdOf(community, 'plan', article.state.planId));
  const timeZone = plan?.state.status === 'active' ? plan.state.timeZone : DEFAULT_TIME_ZONE;
  return onArticle(deps, actor, input.articleId, {
    type: 'ReviewArticle',
    ...input,
    reviewerId: actor.principal.sub,
    today: localDate(deps.clock.now(), timeZone),
  });
}
