import { planDecider } from '../../../domain/plan/plan.decider.js';
import { type EnrollResident, residentDecider } from '../../../domain/resident/resident.decider.js';
import { isDomainError } from '../../../domain/shared/errors.js';
import { parseStreamId, streamIdOf } from '../../../domain/shared/ids.js';
import type { CommandService } from '../command-handler.js';
import { appErrors } from '../errors.js';
import { type CommandActor, type CommandResult, commitMetadataOf, executeOn } from '../execute.js';
import type { PersonalDataCipher } from '../personal-data.js';

export interface ResidentCommandDeps {
  readonly commands: CommandService;
}

/** A new resident: their id (issued by the caller's request) and their record as given. */
export type EnrollResidentInput = Omit<EnrollResident, 'type'>;

/** Name, phone and email enter history encrypted with the resident's own key (erasable). */
export async function enrollResident(
  deps: ResidentCommandDeps & { readonly personalData: Pick<PersonalDataCipher, 'protect'> },
  actor: CommandActor,
  input: EnrollResidentInput,
): Promise<CommandResult> {
  const { residentId, ...fields } = input;
  return executeOn(
    deps.commands,
    actor,
    { decider: residentDecider, kind: 'resident', id: residentId },
    {
      type: 'EnrollResident',
      residentId,
      ...(await deps.personalData.protect(actor.principal.community, residentId, fields)),
    },
  );
}

/**
 * The views of other streams that show the resident in the clear (an organizing group naming them)
 * are told first, from the key ring — which records every stream holding their data — not from a
 * view. Each of those commands is a no-op when repeated, so a retried erasure simply runs them again;
 * the ring is read before its keys are destroyed, so a retry after a crash still finds the streams.
 * (They run outside the request's Idempotency-Key and If-Match: those are about the resident's stream.)
 */
async function eraseFromOtherStreams(
  deps: ResidentCommandDeps & { readonly personalData: Pick<PersonalDataCipher, 'streamsHolding'> },
  actor: CommandActor,
  residentId: string,
): Promise<CommandResult | undefined> {
  const { community } = actor.principal;
  for (const streamId of await deps.personalData.streamsHolding(community, residentId)) {
    const parsed = parseStreamId(streamId);
    if (parsed?.kind !== 'plan' || parsed.community !== community) continue;
    const outcome = await deps.commands.execute({
      decider: planDecider,
      community,
      streamId,
      command: { type: 'EraseOrganizingGroupMember', planId: parsed.id, residentId },
      metadata: commitMetadataOf(actor),
    });
    if (isDomainError(outcome)) return { id: parsed.id, outcome };
  }
  return undefined;
}

/**
 * Erases a resident's personal data everywhere: the plans naming them first, then their keys, then
 * the event on their own stream (404 for a resident who was never enrolled).
 */
export async function erasePersonalData(
  deps: ResidentCommandDeps & {
    readonly personalData: Pick<PersonalDataCipher, 'streamsHolding' | 'destroy'>;
  },
  actor: CommandActor,
  input: { readonly residentId: string },
): Promise<CommandResult> {
  const { community } = actor.principal;
  const loaded = await deps.commands.load(
    residentDecider,
    streamIdOf(community, 'resident', input.residentId),
  );
  if (loaded.state.status === 'unknown') throw appErrors.notFound(`resident ${input.residentId}`);
  if (!loaded.state.erased) {
    const refused = await eraseFromOtherStreams(deps, actor, input.residentId);
    if (refused) return refused;
  }
  // The keys go before the event: if recording it fails, the data is already unreadable and a retry records it.
  await deps.personalData.destroy(community, input.residentId);
  return executeOn(
    deps.commands,
    actor,
    { decider: residentDecider, kind: 'resident', id: input.residentId },
    { type: 'ErasePersonalData', residentId: input.residentId },
  );
}
