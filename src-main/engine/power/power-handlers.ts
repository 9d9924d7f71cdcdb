import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import type { powerCommands } from '../../../src-shared/contract/power';
import { actorOf } from '../risk/risk-handlers';
import type { PowerSystem } from './power-system';

export function powerHandlers(
  power: PowerSystem,
): Pick<CommandHandlers, keyof typeof powerCommands> {
  return {
    getPowerStatus: () => power.guard.current,
    setPowerSettings: (input, caller) =>
      power.updateSettings(input.changes, actorOf(caller, undefined)),
  };
}
