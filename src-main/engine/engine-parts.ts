import type { EngineStatus } from '../../src-shared/contract/status';
import type { BookId } from '../../src-shared/domain/order';
import type { TradingModeService } from './trading/trading-mode';
import type { AlertSecrets } from './alerts/alert-secrets';
import type { AlertSystem } from './alerts/alert-system';
import type { BookMarkPublisher } from './book-valuation';
import type { DesktopSettingsStore } from './lifecycle/desktop-settings';
import type { Journal } from './journal/journal';
import type { AuditAnchor } from './audit/audit-anchor';
import type { AuditLog } from './audit/audit-log';
import type { Clock } from './clock';
import type { EventBus } from './event-bus';
import type { ExecutionService } from './execution/execution-service';
import type { ConnectionsService } from './market/connections/connections-service';
import type { MarketService } from './market/market-service';
import type { Autopilot } from './plans/autopilot';
import type { BacktestService } from './backtest/backtest-service';
import type { PlanService } from './plans/plan-service';
import type { PowerSystem } from './power/power-system';
import type { BookSnapshot } from './risk/risk-guard';
import type { RiskSystem } from './risk/risk-system';
import type { CalibrationService } from './scanner/calibration/calibration-service';
import type { SignalBoard } from './scanner/signal-board';
import type { Settings } from './settings';
import type { Store } from './store/open-store';

/**
 * What the market pipeline needs of the engine: the parts a closed bar, a quote and a feed
 * status reach. Declared here, apart from the Engine class, so the pipeline, the handlers and
 * the market source depend on the engine's parts and the engine (the composition root)
 * depends on them — never both ways.
 */
export interface PipelineParts {
  readonly events: EventBus;
  readonly audit: AuditLog;
  readonly signals: SignalBoard;
  /** The stored calibrations: which markets' P the scanner may present as a win chance. */
  readonly calibrations: CalibrationService;
  readonly execution: ExecutionService;
  readonly risk: RiskSystem;
  readonly market: MarketService;
  /**
   * A book valued at mark (the active book when none is named), without the working order
   * `excluding` when one is named (the order the gate is judging).
   */
  readonly bookSnapshot: (bookId?: BookId, excluding?: string) => BookSnapshot;
  readonly onError: (error: unknown) => void;
}

/** Everything the contract handlers reach: the pipeline's parts and the engine's services. */
export interface EngineParts extends PipelineParts {
  readonly store: Store;
  readonly clock: Clock;
  readonly settings: Settings;
  readonly connections: ConnectionsService;
  readonly power: PowerSystem;
  readonly alerts: AlertSystem;
  /** The alert channels' secrets, in the OS keychain. */
  readonly alertSecrets: AlertSecrets;
  /** The desktop app's settings (close to tray), editable from either host's cockpit. */
  readonly desktop: DesktopSettingsStore;
  /** Publishes the book at mark after every mark, fill or order change. */
  readonly bookMarks: BookMarkPublisher;
  readonly trading: TradingModeService;
  /** Closed trades with their entry signal, R-multiple, notes and tags; the PnL calendar. */
  readonly journal: Journal;
  /** Trade plans: sized from signals, judged by the gate's dry run, sent as brackets. */
  readonly plans: PlanService;
  readonly autopilot: Autopilot;
  /** Backtests on the engine's own pieces, each in a worker thread (the Backtest panel). */
  readonly backtests: BacktestService;
  status(): EngineStatus;
  /** Writes the audit chain's head beside the database and returns it. */
  anchorAudit(): AuditAnchor;
}
