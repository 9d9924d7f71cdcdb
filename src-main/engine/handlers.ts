import type { CommandHandlers } from '../../src-shared/contract/handlers';
import type { EngineParts } from './engine-parts';
import { guardHandlers } from './guard-handlers';
import { executionHandlers } from './execution/execution-handlers';
import { riskHandlers } from './risk/risk-handlers';
import { connectionHandlers } from './market/connections/connection-handlers';
import { marketHandlers } from './market/market-handlers';
import { powerHandlers } from './power/power-handlers';
import { alertHandlers } from './alerts/alert-handlers';
import { desktopHandlers } from './lifecycle/desktop-handlers';
import { journalHandlers } from './journal/journal-handlers';
import { engineReportSource } from './reports/engine-report-source';
import { reportsHandlers } from './reports/reports-handlers';
import { planHandlers } from './plans/plan-handlers';
import { backtestHandlers } from './backtest/backtest-handlers';
import { scannerHandlers } from './scanner/scanner-handlers';
import { calibrationHandlers } from './scanner/calibration/calibration-handlers';
import { systemHandlers } from './system-handlers';
import { tradingHandlers } from './trading/trading-handlers';

/** A handler failed in a way it did not mean to: a Vigil bug, logged with its stack. */
export class HandlerBugError extends Error {
  constructor(command: string, cause: unknown) {
    super(
      `command ${command} failed unexpectedly (a Vigil bug): ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'HandlerBugError';
  }
}

/**
 * The main-side implementation of every contract command. Typed as CommandHandlers, so adding
 * a command to the contract without a handler is a compile error. Feature areas provide their
 * handlers in their own folder and are spread in here; guardHandlers gives every failure its
 * contract code (refusal, storage) and logs the rest as bugs.
 */
export function createCommandHandlers(engine: EngineParts): CommandHandlers {
  return guardHandlers(areaHandlers(engine), engine.store.path, (command, error) =>
    engine.onError(new HandlerBugError(command, error)),
  );
}

function areaHandlers(engine: EngineParts): CommandHandlers {
  return {
    ...systemHandlers(engine),
    ...scannerHandlers(engine.signals),
    ...calibrationHandlers(engine.calibrations),
    ...executionHandlers(
      engine.execution,
      engine.trading,
      () => engine.bookMarks.current(),
      () => engine.bookMarks.changed(),
    ),
    ...tradingHandlers(engine.trading),
    ...riskHandlers(engine.risk),
    ...marketHandlers(engine.market),
    ...connectionHandlers(engine.connections),
    ...powerHandlers(engine.power),
    ...alertHandlers(engine.alerts, engine.alertSecrets, engine.clock),
    ...desktopHandlers(engine.desktop),
    ...journalHandlers(engine.journal),
    ...planHandlers(engine.plans, engine.autopilot),
    ...backtestHandlers(engine.backtests),
    ...reportsHandlers({
      clock: engine.clock,
      events: engine.events,
      source: () => engineReportSource(engine),
      auditAnchor: () => engine.anchorAudit(),
    }),
  };
}
