import type { CommandHandlers } from '../../src-shared/contract/handlers';
import type { systemCommands } from '../../src-shared/contract/system';
import type { EngineParts } from './engine-parts';

export function systemHandlers(
  engine: Pick<EngineParts, 'clock' | 'status'>,
): Pick<CommandHandlers, keyof typeof systemCommands> {
  return {
    ping: () => ({ pong: true, at: engine.clock.now() }),
    getStatus: () => engine.status(),
  };
}
