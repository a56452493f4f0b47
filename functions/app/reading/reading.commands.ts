import { essayFacts, type ReadingCommand, readingDecider } from '../../../domain/reading/reading.decider.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { assertActsFor, isResident, isStaff } from '../authorization.js';
import type { CommandService } from '../command-handler.js';
import { ApplicationError } from '../errors.js';
import { type CommandActor, type CommandResult, executeOn } from '../execute.js';
import { planFactsOf } from '../plan/plans.commands.js';
import { onRoster } from '../plan/roster.commands.js';

export interface ReadingCommandDeps {
  readonly commands: CommandService;
}

export interface RecommendBookInput {
  /** Issued by the caller's request. */
  readonly bookId: string;
  readonly planId: string;
  readonly title: string;
  readonly author: string;
  /** Normalized (digits, X) and checked by the route. */
  readonly isbn?: string | undefined;
  readonly recommendedBy: string;
  readonly reason: string;
}

export interface ReviewBookInput {
  readonly bookId: string;
  readonly residentId: string;
  readonly rating: number;
  readonly text: string;
}

const onBook = (deps: ReadingCommandDeps, actor: CommandActor, bookId: string, command: ReadingCommand) =>
  executeOn(deps.commands, actor, { decider: readingDecider, kind: 'book', id: bookId }, command);

/** A good book recommended for the plan's reading activities (the plan's stream says whether it exists). */
export async function recommendBook(
  deps: ReadingCommandDeps,
  actor: CommandActor,
  input: RecommendBookInput,
): Promise<CommandResult> {
  const plan = await planFactsOf(deps.commands, actor.principal.community, input.planId);
  return onBook(deps, actor, input.bookId, {
    type: 'RecommendBook',
    ...input,
    planKnown: plan !== undefined,
  });
}

/** A resident reviews a book (staff for them); their later review replaces the earlier one. */
export async function reviewBook(
  deps: ReadingCommandDeps,
  actor: CommandActor,
  input: ReviewBookInput,
): Promise<CommandResult> {
  assertActsFor(actor.principal, input.residentId, 'a resident reviews books only as themself');
  const residentKnown = await onRoster(deps.commands, actor.principal.community, input.residentId);
  return onBook(deps, actor, input.bookId, { type: 'ReviewBook', ...input, residentKnown });
}

/**
 * Ties a reading essay to the book, by staff or the essay's author. The article's own stream (never
 * a view) says whether it exists, is a reading essay of the book's plan, and who wrote it.
 */
export async function linkReadingEssay(
  deps: ReadingCommandDeps,
  actor: CommandActor,
  input: { readonly bookId: string; readonly articleId: string },
): Promise<CommandResult> {
  const { community } = actor.principal;
  const { state: essay } = await deps.commands.load(
    essayFacts,
    streamIdOf(community, 'article', input.articleId),
  );
  // A resident learns nothing about articles not theirs: an unknown one is refused the same way.
  if (!isStaff(actor.principal) && !(essay && isResident(actor.principal, essay.authorId)))
    throw new ApplicationError(
      'forbidden',
      'forbidden',
      'a resident ties only their own reading essays to a book',
    );
  return onBook(deps, actor, input.bookId, { type: 'LinkReadingEssay', ...input, essay });
}
