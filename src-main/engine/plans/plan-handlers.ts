import type { CallerContext, CommandHandlers } from '../../../src-shared/contract/handlers';
import type { planCommands } from '../../../src-shared/contract/plans';
import type { PlanService } from './plan-service';

const actorOf = (caller: CallerContext): string => `user:${caller.origin}`;

export function planHandlers(plans: PlanService): Pick<CommandHandlers, keyof typeof planCommands> {
  return {
    proposePlan: (input, caller) => plans.propose(input, actorOf(caller), 'manual'),
    sendPlan: (input, caller) => plans.send(input.planId, actorOf(caller)),
  };
}
