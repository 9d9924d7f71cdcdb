import type { CommandHandlers } from '../../src-shared/contract/handlers';
import type { systemCommands } from '../../src-shared/contract/system';
import type { Engine } from './engine';

export function systemHandlers(engine: Engine): Pick<CommandHandlers, keyof typeof systemCommands> {
  return {
    ping: () => ({ pong: true, at: engine.clock.now() }),
    getStatus: () => engine.status(),
  };
}
