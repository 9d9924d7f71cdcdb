import type { CallerContext, CommandHandlers } from '../../../src-shared/contract/handlers';
import {
  MANUAL_KILL_REASON,
  type riskCommands,
  type TriggerPath,
} from '../../../src-shared/contract/risk';
import type { RiskSystem } from './risk-system';

/** "Who" for the audit chain: the transport the command came through and the declared path. */
export function actorOf(caller: CallerContext, via: TriggerPath | undefined): string {
  return via === undefined ? `user:${caller.origin}` : `user:${via}@${caller.origin}`;
}

export function riskHandlers(risk: RiskSystem): Pick<CommandHandlers, keyof typeof riskCommands> {
  return {
    getRiskConfig: () => risk.config.current,
    setRiskConfig: (input, caller) => risk.config.update(input.changes, actorOf(caller, input.via)),
    getControlStatus: () => risk.status(),
    pause: (input, caller) =>
      risk.control.set(
        'PAUSED',
        actorOf(caller, input.via),
        input.reason ?? 'paused by the trader',
      ),
    resume: (input, caller) =>
      risk.control.set(
        'RUNNING',
        actorOf(caller, input.via),
        input.reason ?? 'resumed by the trader',
      ),
    reduce: (input, caller) =>
      risk.control.set(
        'REDUCING',
        actorOf(caller, input.via),
        input.reason ?? 'reduce-only by the trader',
      ),
    kill: (input, caller) => {
      const handle = risk.triggerKill({
        actor: actorOf(caller, input.via),
        reason: input.reason ?? MANUAL_KILL_REASON,
        flatten: input.flatten ?? risk.config.current.flattenOnKill,
      });
      return {
        killId: handle.killId,
        latchedAt: handle.latchedAt,
        flatten: handle.flatten,
        durable: handle.durable,
        recorded: handle.recorded,
        problems: [...handle.problems],
      };
    },
    rearm: (input, caller) =>
      risk.kill.rearm(actorOf(caller, input.via), input.reason ?? 'rearmed by the trader'),
  };
}
