import type { backtestCommands } from '../../../src-shared/contract/backtest';
import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import type { BacktestService } from './backtest-service';

/** The cockpit's Backtest panel: run, cancel, fetch a finished run's files. */
export function backtestHandlers(
  backtests: BacktestService,
): Pick<CommandHandlers, keyof typeof backtestCommands> {
  return {
    runBacktest: async (input) => ({
      runId: input.runId,
      ...(await backtests.run(input.runId, input.request)),
    }),
    cancelBacktest: (input) => ({ cancelled: backtests.cancel(input.runId) }),
    backtestFile: (input) => {
      const file = backtests.file(input.runId, input.format);
      return {
        fileName: file.fileName,
        mimeType: file.mimeType,
        bytesBase64: file.bytes.toString('base64'),
      };
    },
    backtestSetup: () => backtests.setup(),
  };
}
