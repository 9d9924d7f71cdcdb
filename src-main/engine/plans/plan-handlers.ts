import type { CallerContext, CommandHandlers } from '../../../src-shared/contract/handlers';
import type { planCommands } from '../../../src-shared/contract/plans';
import type { Autopilot } from './autopilot';
import type { PlanService } from './plan-service';

const actorOf = (caller: CallerContext): string => `user:${caller.origin}`;

export function planHandlers(
  plans: PlanService,
  autopilot: Autopilot,
): Pick<CommandHandlers, keyof typeof planCommands> {
  return {
    proposePlan: (input, caller) => plans.propose(input, actorOf(caller), 'manual'),
    sendPlan: (input, caller) => plans.send(input.planId, actorOf(caller)),
    getAutopilot: (input) => autopilot.status(input.bookId),
    setAutopilot: (input, caller) =>
      autopilot.set(input.bookId, input.mode, actorOf(caller), {
        ...(input.reason === undefined ? {} : { reason: input.reason }),
        ...(input.maxTradesPerDay === undefined ? {} : { maxTradesPerDay: input.maxTradesPerDay }),
      }),
  };
}
