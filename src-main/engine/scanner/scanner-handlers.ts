import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import type { scannerCommands } from '../../../src-shared/contract/scanner';
import type { SignalBoard } from './signal-board';

export function scannerHandlers(
  board: SignalBoard,
): Pick<CommandHandlers, keyof typeof scannerCommands> {
  return {
    listSignals: () => board.list(),
    explainSignal: (key) => board.explain(key),
    watchSignals: ({ full }, caller) => {
      if (caller.connection === undefined) {
        throw new RefusedError('watchSignals needs a connection (WebSocket or the app window)');
      }
      caller.connection.setSignalInterest(full);
      return { full };
    },
  };
}
