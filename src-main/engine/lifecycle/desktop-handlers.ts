import type { desktopCommands } from '../../../src-shared/contract/desktop';
import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import { actorOf } from '../risk/risk-handlers';
import type { DesktopSettingsStore } from './desktop-settings';

export function desktopHandlers(
  desktop: DesktopSettingsStore,
): Pick<CommandHandlers, keyof typeof desktopCommands> {
  return {
    getDesktopSettings: () => desktop.current,
    setDesktopSettings: (input, caller) =>
      desktop.update(input.changes, actorOf(caller, undefined)),
  };
}
