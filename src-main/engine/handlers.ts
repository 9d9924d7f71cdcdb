import type { CommandHandlers } from '../../src-shared/contract/handlers';
import type { Engine } from './engine';
import { executionHandlers } from './execution/execution-handlers';
import { riskHandlers } from './risk/risk-handlers';
import { marketHandlers } from './market/market-handlers';
import { engineReportSource } from './reports/engine-report-source';
import { reportsHandlers } from './reports/reports-handlers';
import { scannerHandlers } from './scanner/scanner-handlers';
import { systemHandlers } from './system-handlers';

/**
 * The main-side implementation of every contract command. Typed as CommandHandlers, so adding
 * a command to the contract without a handler is a compile error. Feature areas provide their
 * handlers in their own folder and are spread in here.
 */
export function createCommandHandlers(engine: Engine): CommandHandlers {
  return {
    ...systemHandlers(engine),
    ...scannerHandlers(engine.signals),
    ...executionHandlers(engine.execution, () => engine.bookMarks.current()),
    ...riskHandlers(engine.risk),
    ...marketHandlers(engine.market),
    ...reportsHandlers({
      clock: engine.clock,
      events: engine.events,
      source: () => engineReportSource(engine),
    }),
  };
}
