import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import type { powerCommands } from '../../../src-shared/contract/power';
import { actorOf } from '../risk/risk-handlers';
import type { PowerSystem } from './power-system';

export function powerHandlers(
  power: PowerSystem,
): Pick<CommandHandlers, keyof typeof powerCommands> {
  return {
    getPowerStatus: () => power.guard.current,
    replaceProtectiveStops: async (_input, caller) => {
      const report = await power.ensureStops(
        actorOf(caller, undefined),
        'the trader: re-place protective stops',
      );
      return { ...report, placed: [...report.placed], failed: [...report.failed] };
    },
    setPowerSettings: (input, caller) =>
      power.updateSettings(input.changes, actorOf(caller, undefined)),
  };
}
