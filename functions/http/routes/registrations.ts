import * as z from 'zod';
import { roleSets } from '../../app/authorization.js';
import { cancelRegistration, registerResident } from '../command-cases.js';
import { defineRoute } from '../route.js';
import { CommandAnswer, Id, trimmed } from '../schemas.js';
import { commandAnswer } from '../use-case-answer.js';
import { ActivityParams, AttendeeParams } from './activities.js';

const ResidentBody = z.object({ residentId: Id }).strict();
const CancelRegistrationBody = z
  .object({ reason: trimmed(1000).optional() })
  .strict()
  .meta({ id: 'CancelRegistration' });
/** A registration's answer: the command answer and where it left the resident. */
const RegistrationAnswer = CommandAnswer.extend({
  status: z
    .enum(['registered', 'waitlisted'])
    .describe('registered: the resident has a place; waitlisted: the activity is full and they wait in line'),
  waitlistPosition: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      'waitlisted only: their place in line (1 = the next place freed is theirs); `position` stays the consistency token',
    ),
}).meta({ id: 'RegistrationAnswer' });

/** Registering for an activity, the waitlist of a full one, and cancelling before it opens. */
export const registrationRoutes = [
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/registrations',
    operationId: 'registerResident',
    summary:
      'Register a resident, or put them on the waitlist when the activity is full (capacity is never exceeded; a resident registers themselves)',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.residentsAndStaff],
    params: ActivityParams,
    body: ResidentBody,
    response: {
      status: 201,
      description:
        'The resident was registered (`status: registered`) or put on the waitlist (`status: waitlisted`)',
      schema: RegistrationAnswer,
    },
    async handle(request, deps) {
      const { registration, ...result } = await registerResident(deps, request, {
        ...request.params,
        ...request.body,
      });
      const answer = commandAnswer(result);
      if (!registration) return answer;
      const standing =
        registration.status === 'waitlisted'
          ? { status: registration.status, waitlistPosition: registration.position }
          : { status: registration.status };
      return { ...answer, body: { ...(answer.body as object), ...standing } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/activities/{activityId}/registrations/{residentId}/cancel',
    operationId: 'cancelRegistration',
    summary:
      'Cancel a registration or a place on the waitlist, before the activity opens (a freed place goes to the first in line, who is told by email)',
    tag: 'Activities',
    kind: 'command',
    roles: [...roleSets.residentsAndStaff],
    params: AttendeeParams,
    body: CancelRegistrationBody,
    response: { status: 201, description: 'The registration was cancelled', schema: CommandAnswer },
    async handle(request, deps) {
      return commandAnswer(await cancelRegistration(deps, request, { ...request.params, ...request.body }));
    },
  }),
];
