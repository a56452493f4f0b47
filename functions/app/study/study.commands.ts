import { activityDecider, activitySnapshots } from '../../../domain/activity/activity.decider.js';
import { isStudySession, type MakeUpSessionFacts } from '../../../domain/activity/study-leave.js';
import { domainError } from '../../../domain/shared/errors.js';
import { idSetHas } from '../../../domain/shared/id-set.js';
import { streamIdOf } from '../../../domain/shared/ids.js';
import { DEFAULT_TIME_ZONE, resolveInstant } from '../../../domain/shared/time.js';
import { onActivity } from '../activity/activities.commands.js';
import { assertActsFor, isStaff, residentMeant } from '../authorization.js';
import type { CommandService } from '../command-handler.js';
import { ApplicationError } from '../errors.js';
import type { CommandActor, CommandResult } from '../execute.js';
import { residentState } from '../plan/roster.commands.js';
import type { Clock } from '../ports.js';

export interface StudyCommandDeps {
  readonly commands: CommandService;
  readonly clock: Clock;
}

/** `requestedAt` (staff only): a paper leave slip entered later, read in the session's zone. */
export interface RequestStudyLeaveInput {
  readonly activityId: string;
  /** Absent: the resident who asks (a member asking for themself). */
  readonly residentId?: string;
  readonly reason: string;
  readonly requestedAt?: string;
}
export interface DecideStudyLeaveInput {
  readonly activityId: string;
  readonly residentId: string;
  readonly outcome: 'approved' | 'declined';
  readonly note?: string;
}
/** Without `reviewedBy`, a note's reviewer is the organizer who records it. */
export interface RecordStudyMakeUpInput {
  readonly activityId: string;
  readonly residentId: string;
  readonly makeUp:
    | { readonly by: 'session'; readonly sessionId: string }
    | { readonly by: 'note'; readonly note: string; readonly reviewedBy?: string };
}

/**
 * A party member asks for leave from a study session, before it starts (the clock's now); staff ask
 * for them, and may enter a slip asked earlier (`requestedAt`, never later than now). Whether they
 * are a party member is their own stream's say.
 */
export async function requestStudyLeave(
  deps: StudyCommandDeps,
  actor: CommandActor,
  input: RequestStudyLeaveInput,
): Promise<CommandResult> {
  const residentId = residentMeant(actor.principal, input.residentId);
  assertActsFor(actor.principal, residentId, 'a resident may ask for leave only for themselves');
  if (input.requestedAt !== undefined && !isStaff(actor.principal))
    throw new ApplicationError('forbidden', 'forbidden', 'only staff enter a leave asked earlier');
  const resident = await residentState(deps.commands, actor.principal.community, residentId);
  const now = deps.clock.now();
  return onActivity(deps, actor, input.activityId, (state) => {
    const zone = state.status === 'none' ? DEFAULT_TIME_ZONE : state.timeZone;
    const asked = input.requestedAt ? resolveInstant(input.requestedAt, zone, 'start') : now;
    if (asked.getTime() > now.getTime())
      return domainError('dated-in-the-future', 'invalid', 'a leave slip cannot be dated after now');
    return {
      type: 'RequestStudyLeave',
      activityId: input.activityId,
      residentId,
      reason: input.reason,
      residentKnown: resident.status === 'enrolled',
      partyMember: resident.status === 'enrolled' && resident.partyMember,
      requestedAt: asked.toISOString(),
      backDated: input.requestedAt !== undefined,
    };
  });
}

/** An organizer approves or declines a pending leave request. */
export const decideStudyLeave = (
  deps: StudyCommandDeps,
  actor: CommandActor,
  input: DecideStudyLeaveInput,
): Promise<CommandResult> =>
  onActivity(deps, actor, input.activityId, { type: 'DecideStudyLeave', ...input });

/** The later session a make-up names, as its own stream says (the write model, never a view). */
async function sessionFacts(
  commands: CommandService,
  community: string,
  sessionId: string,
  residentId: string,
): Promise<MakeUpSessionFacts | undefined> {
  const { state } = await commands.load(
    activityDecider,
    streamIdOf(community, 'activity', sessionId),
    activitySnapshots,
  );
  if (state.status === 'none') return undefined;
  return {
    studySession: isStudySession(state),
    cancelled: state.status === 'cancelled',
    start: state.window.start,
    attended: idSetHas(state.attending, residentId),
  };
}

/** An organizer records a make-up (补学): a later study session the member attended, or a study note they reviewed. */
export async function recordStudyMakeUp(
  deps: StudyCommandDeps,
  actor: CommandActor,
  input: RecordStudyMakeUpInput,
): Promise<CommandResult> {
  const { makeUp } = input;
  const { community, sub } = actor.principal;
  const [session, resident] = await Promise.all([
    makeUp.by === 'session'
      ? sessionFacts(deps.commands, community, makeUp.sessionId, input.residentId)
      : undefined,
    residentState(deps.commands, community, input.residentId),
  ]);
  return onActivity(deps, actor, input.activityId, {
    type: 'RecordStudyMakeUp',
    activityId: input.activityId,
    residentId: input.residentId,
    residentKnown: resident.status === 'enrolled',
    partyMember: resident.status === 'enrolled' && resident.partyMember,
    makeUp:
      makeUp.by === 'session'
        ? { by: 'session', sessionId: makeUp.sessionId }
        : { by: 'note', note: makeUp.note, reviewedBy: makeUp.reviewedBy ?? sub },
    ...(session ? { session } : {}),
  });
}
