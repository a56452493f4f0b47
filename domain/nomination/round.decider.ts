import type { RoundEvent } from '../../events/index.js';
import type { Decider } from '../shared/decider.js';
import { nominationErrors } from './nomination.errors.js';

type RoundData = Extract<RoundEvent, { type: 'RoundOpened' }>['data'];

export type RoundCommand = { readonly type: 'OpenRound' } & RoundData;
export type RoundState = { readonly status: 'none' } | ({ readonly status: 'open' } & RoundData);

/** Floating-point weights such as 0.1 + 0.2 still sum to 1 within this tolerance. */
const WEIGHT_TOLERANCE = 1e-9;

export const roundDecider: Decider<RoundCommand, RoundState, RoundEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
    if (state.status !== 'none') return nominationErrors.roundExists(command.roundId);
    const keys = new Set<string>();
    for (const c of command.criteria) {
      if (keys.has(c.key)) return nominationErrors.duplicateCriterion(c.key);
      keys.add(c.key);
    }
    const sum = command.criteria.reduce((total, c) => total + c.weight, 0);
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) return nominationErrors.weightsMustSumToOne(sum);
    if (Date.parse(command.scoringCloses) <= Date.parse(command.nominationsClose))
      return nominationErrors.closesOutOfOrder();
    if (new Set(command.judges).size < command.minJudges)
      return nominationErrors.tooFewJudges(command.minJudges);
    const { type: _t, ...data } = command;
    return [{ type: 'RoundOpened', data: { ...data, judges: [...new Set(data.judges)] } }];
  },
  evolve(_state, event) {
    return { status: 'open', ...event.data };
  },
};
