import type { EngineStatus } from '../../src-shared/contract/status';
import type { CommandHandlers } from '../../src-shared/contract/handlers';
import type { BookId } from '../../src-shared/domain/order';
import { auditAnchorPath, writeAuditAnchor, type AuditAnchor } from './audit/audit-anchor';
import { AuditLog } from './audit/audit-log';
import { BookMarkPublisher } from './book-valuation';
import { asStorageError } from './store/storage-failure';
import { systemClock, systemScheduler, type Clock } from './clock';
import { databasePath, ensureDataDir } from './data-dir';
import type { ConnectionsService } from './market/connections/connections-service';
import type { MarketSourceControl } from './market-source';
import type { MarketService } from './market/market-service';
import type { CalibrationService } from './scanner/calibration/calibration-service';
import { PersistFailedError } from './control/durability';
import { EventBus } from './event-bus';
import type { ExecutionService } from './execution/execution-service';
import { ExecutorStoppedError } from './execution/broker-errors';
import { startEventLoopLagMonitor, type EventLoopLagMonitor } from './event-loop-lag';
import { createCommandHandlers } from './handlers';
import { startMarketPipeline, type MarketPipeline } from './market-pipeline';
import { SignalBoard } from './scanner/signal-board';
import { DEFAULT_SCANNER_CONFIG } from './scanner/scoring/scanner-config';
import { NoKeychain } from './secrets/no-keychain';
import { Secrets } from './secrets/secrets';
import { Settings } from './settings';
import type { Store } from './store/open-store';
import { openVigilStore } from './schema';
import type { EngineParts } from './engine-parts';
import { executionKillVenue } from './kill/execution-kill-venue';
import { riskOrderEvaluator } from './risk/risk-order-gate';
import { composePlans } from './plans/compose-plans';
import type { Autopilot } from './plans/autopilot';
import { BacktestService } from './backtest/backtest-service';
import type { StopManager } from './plans/stop-manager';
import type { PlanService } from './plans/plan-service';
import type { BookSnapshot } from './risk/risk-guard';
import { RiskSystem } from './risk/risk-system';
import { systemMonotonic } from './power/clock-jump-detector';
import { PowerSystem } from './power/power-system';
import type { AlertSecrets } from './alerts/alert-secrets';
import type { AlertSystem } from './alerts/alert-system';
import { createAlerts } from './alerts/create-alerts';
import { DesktopSettingsStore } from './lifecycle/desktop-settings';
import type { Journal } from './journal/journal';
import { dailySummary } from './alerts/daily-summary';
import { lockDataDir, openKillLatch, type LatchOpening } from './engine-start';
import type { EngineOptions } from './engine-options';
import { composeJournal } from './composition/compose-journal';
import { composePaperExecution } from './composition/compose-paper-execution';
import { composeValuation } from './composition/compose-valuation';
import { composeCalibrations } from './composition/compose-calibrations';
import { composeConnections } from './composition/compose-connections';
import { composeMarket } from './composition/compose-market';
import { startHeartbeat } from './composition/engine-heartbeat';
import { replaySeekRefusal } from './composition/replay-seek-refusal';
import { composeTrading } from './trading/compose-trading';
import type { TradingModeService } from './trading/trading-mode';

export type { EngineOptions } from './engine-options';

/** The replay folder a market plays (the bundled one, in the hosts; what a backtest or a calibration reads by default), or null. */
function replayFolder(market: EngineOptions['market']): string | null {
  if (market?.kind === 'configured') return market.replay.replayDir;
  if (market?.kind === 'replay') return market.replayDir;
  return null;
}

/**
 * The engine: one instance per data folder, running unchanged inside Electron's main process
 * and inside the headless host. This is the composition root of everything below it.
 */
export class Engine implements EngineParts {
  readonly events: EventBus;
  /** Where the engine's parts report what they cannot throw to a caller. */
  readonly onError: (error: unknown) => void;
  readonly audit: AuditLog;
  readonly handlers: CommandHandlers;
  readonly store: Store;
  readonly clock: Clock;
  readonly settings: Settings;
  /** Orders, paper venue and ledger of the active book. */
  readonly execution: ExecutionService;
  /** Risk config, control modes, the gate, panic detectors and the kill switch. */
  readonly risk: RiskSystem;
  readonly market: MarketService;
  /** Sleep and wake: suspend/resume handling, RESUMING until the wake checks pass. */
  readonly power: PowerSystem;
  /** Telegram and webhook alerts, queued off the engine's path. */
  readonly alerts: AlertSystem;
  /** The alert channels' secrets, in the OS keychain. */
  readonly alertSecrets: AlertSecrets;
  /** The desktop app's settings (close to tray), editable from either host's cockpit. */
  readonly desktop: DesktopSettingsStore;
  /** Closed trades with their entry signal, R-multiple, notes and tags; the PnL calendar. */
  readonly journal: Journal;
  /** A book valued at mark (the active one by default): what the gate and the gauges see. */
  readonly bookSnapshot: (bookId?: BookId, excluding?: string) => BookSnapshot;
  /** PAPER / SHADOW / LIVE: which book new orders go to; the live books. */
  readonly trading: TradingModeService;
  /** Publishes the book at mark (bookMarked) after every mark, fill or order change. */
  readonly bookMarks: BookMarkPublisher;
  /** The latest signal of every scanned market (the board). */
  readonly signals = new SignalBoard();
  /** Walk-forward calibrations of the probability mapping, stored with their provenance. */
  readonly calibrations: CalibrationService;
  /** Trade plans: sized from signals, judged by the gate's dry run, sent as brackets. */
  readonly plans: PlanService;
  /** Per book: PRIME plans sent automatically (ON) or recorded only (SHADOW). */
  readonly autopilot: Autopilot;
  /** Plans' stop management: break-even after the first target, ATR trail on bar close. */
  readonly stops: StopManager;
  /** Backtests on the engine's own pieces, each in a worker thread (the Backtest panel). */
  readonly backtests: BacktestService;
  /** A fixed market's pipeline (tests); the hosts' is the market source control's. */
  private fixedPipeline: MarketPipeline | undefined;
  /** The keychain, per purpose, for this data folder. */
  readonly secrets: Secrets;
  /** Exchange connections, their keys and the market source. */
  readonly connections: ConnectionsService;
  private readonly sourceControl: MarketSourceControl | undefined;
  readonly startedAt: number;
  /**
   * Settles when the start's check of every stored key's permissions is done (its failures go
   * to onError): a test, or a host that must not trade on an unchecked key, awaits it.
   */
  keysCheckedAtStart: Promise<void> = Promise.resolve();
  readonly lag: EventLoopLagMonitor;
  private stopHeartbeat: () => void = () => {};
  /** Stops the autopilot and the stop manager (their queued work never meets a closed store). */
  private readonly stopPlans: () => void;
  private readonly stopAnnouncing: () => void;
  private releaseLock: () => void = () => {};
  private stopped = false;

  private constructor(
    readonly options: EngineOptions,
    store: Store,
    private readonly latch: LatchOpening,
  ) {
    this.store = store;
    this.onError = options.onError ?? ((e: unknown) => console.error('vigil:', e));
    this.clock = options.clock ?? systemClock;
    this.startedAt = this.clock.now();
    this.events = new EventBus(options.onError ?? ((e) => console.error('event listener:', e)));
    this.audit = new AuditLog(store.db, this.clock);
    this.settings = new Settings(store.db);
    this.secrets = new Secrets(options.secrets ?? new NoKeychain(), this.settings);
    this.calibrations = composeCalibrations({
      db: store.db,
      audit: this.audit,
      clock: this.clock,
      events: this.events,
      config: options.scanner?.config ?? DEFAULT_SCANNER_CONFIG,
      defaultData: () => replayFolder(options.market),
    });
    this.market = composeMarket({
      db: store.db,
      events: this.events,
      clock: this.clock,
      scheduler: options.scheduler ?? systemScheduler,
      settings: this.settings,
      // Read late: the paper book is composed after the market its venue fills against.
      seekRefusal: () => replaySeekRefusal(this.execution),
      onError: options.onError ?? ((e) => console.error('market:', e)),
    });
    const onError = options.onError ?? ((e: unknown) => console.error('execution:', e));
    // Risk first: the executor's gate and the kill switch's venue list both point at it.
    const risk = new RiskSystem({
      settings: this.settings,
      audit: this.audit,
      events: this.events,
      clock: this.clock,
      // The replay's time during a replay or a backtest; the clock otherwise.
      marketClock: { now: () => this.market.now() },
      venues: options.venues,
      sleep: options.sleep,
      timeZone: options.timeZone,
      atomically: (fn) => store.db.transaction(fn)(),
      databasePath: store.path,
      ...latch,
      onError: options.onError ?? ((e) => console.error('risk:', e)),
    });
    this.risk = risk;
    // The paper venue lives on market time: in a replay its orders and fills carry the
    // replayed bars' times, so a fill is never matched against a bar from "before" the order.
    const marketClock: Clock = { now: () => this.market.now() };
    // Valuation before execution: the executor's gate values every order with it.
    const valuation = composeValuation({
      market: this.market,
      risk,
      execution: () => this.execution,
      marketClock,
    });
    const { mark: markOf, rate: rateOf, gateDeps } = valuation;
    this.execution = composePaperExecution({
      db: store.db,
      marketClock,
      audit: this.audit,
      events: this.events,
      market: this.market,
      risk,
      gateDeps,
      startingBalance: options.paperStartingBalance ?? '10000',
      // Without a configured market, whoever drives the engine pushes the bars itself.
      barsComing: () => options.market === undefined || this.market.barsComing(),
      bookMarks: () => this.bookMarks,
      journal: () => this.journal,
      onError,
    });
    this.bookSnapshot = valuation.bookSnapshot;
    this.bookMarks = new BookMarkPublisher({
      ledger: this.execution.ledger,
      // PAPER, SHADOW or the LIVE venue's: the positions table and gauges show what trades.
      bookId: () => this.execution.activeBookId,
      now: marketClock.now,
      usage: () => risk.guard.usage(this.bookSnapshot()),
      publish:
        options.bookValuations === 'on-request'
          ? null
          : (valuation) => this.events.publish('bookMarked', valuation),
      schedule: queueMicrotask,
      onError,
    });
    // The paper book's venue; each live book registers its own when it opens. Before anything
    // can trade: a kill cancels on every venue the switch knows.
    const paperBook = this.execution.book('paper');
    if (paperBook === undefined) throw new Error('engine: no paper book');
    risk.addVenue(executionKillVenue(paperBook));
    const connections = composeConnections({
      parts: this,
      db: store.db,
      audit: this.audit,
      settings: this.settings,
      clock: this.clock,
      secrets: this.secrets,
      events: this.events,
      market: this.market,
      options,
    });
    this.sourceControl = connections.sourceControl;
    this.connections = connections.connections;
    this.trading = composeTrading({
      store,
      settings: this.settings,
      audit: this.audit,
      clock: this.clock,
      marketClock,
      scheduler: options.scheduler ?? systemScheduler,
      execution: this.execution,
      risk,
      connections: this.connections,
      liveSource: () => this.market.connectionStates().size > 0,
      paperStartingBalance: options.paperStartingBalance ?? '10000',
      ...(options.liveTrading === undefined ? {} : { tuning: options.liveTrading }),
      onChanged: (status) => {
        this.events.publish('tradingModeChanged', status);
        // Another book may be the active one now: its valuation replaces the last one.
        this.bookMarks.changed();
      },
      onError: this.onError,
    });
    const plans = composePlans(this, store.db, {
      evaluate: riskOrderEvaluator(gateDeps),
      mark: markOf,
      rate: rateOf,
      now: marketClock.now,
      onError,
    });
    this.plans = plans.plans;
    this.autopilot = plans.autopilot;
    this.stops = plans.stops;
    this.stopPlans = plans.stop;
    // Each connection's health, as it changes, reaches the Connections panel.
    this.stopAnnouncing = this.market.onConnectionsChanged(() => this.connections.announce());
    this.power = new PowerSystem({
      settings: this.settings,
      audit: this.audit,
      events: this.events,
      clock: this.clock,
      scheduler: options.scheduler ?? systemScheduler,
      // An injected clock without a monotonic one is a test's whole notion of time: the
      // detector then sees no jump unless the test gives it a monotonic clock of its own.
      monotonic:
        options.monotonic ?? (options.clock !== undefined ? options.clock : systemMonotonic),
      execution: this.execution,
      risk,
      mark: markOf,
      feeds: () => (options.market === undefined ? [] : [this.market.status()]),
      onError: options.onError ?? ((e: unknown) => console.error('power:', e)),
    });
    const alerts = createAlerts({
      settings: this.settings,
      audit: this.audit,
      events: this.events,
      clock: this.clock,
      scheduler: options.scheduler ?? systemScheduler,
      secrets: this.secrets,
      tuning: options.alerts,
      timeZone: () => risk.config.current.timeZone,
      summary: () => dailySummary(this),
      initialMode: risk.control.mode,
      onError: options.onError ?? ((e: unknown) => console.error('alerts:', e)),
    });
    this.alerts = alerts.system;
    this.alertSecrets = alerts.secrets;
    // After the plans: the journal measures a plan's trades against the plan first.
    this.journal = composeJournal({
      db: store.db,
      audit: this.audit,
      clock: this.clock,
      events: this.events,
      risk,
      execution: this.execution,
      signals: this.signals,
      plans: this.plans,
      onError: options.onError ?? ((e: unknown) => console.error('journal:', e)),
    });
    this.desktop = new DesktopSettingsStore(this.settings, this.audit, (next) =>
      this.events.publish('desktopSettingsChanged', next),
    );
    // Quotes left stale by a sleep are the wake's to handle (trading blocked, stops resting,
    // waiting for fresh data), not a panic kill that would cancel those stops.
    risk.deferPanicWhen((alarm) =>
      alarm.detector === 'stale-quotes' ? this.power.explainsStaleQuotes() : null,
    );
    this.backtests = new BacktestService({
      events: this.events,
      bundledData: replayFolder(options.market),
      calibrations: () => this.calibrations.stored(),
    });
    // Last: a command (the KILL button's included) reaches the engine only once every part it
    // touches exists, the paper venue already in the kill switch's list.
    this.handlers = createCommandHandlers(this);
    this.lag = options.lagMonitor ?? startEventLoopLagMonitor();
  }

  static start(options: EngineOptions): Engine {
    ensureDataDir(options.dataDir);
    // One engine per data folder, across processes (the app, `vigil serve`): refuse a second.
    const clock = options.clock ?? systemClock;
    const lock = lockDataDir(options, clock.now());
    let store: Store;
    let engine: Engine;
    try {
      store = openVigilStore(databasePath(options.dataDir));
      engine = new Engine(options, store, openKillLatch(options.dataDir));
    } catch (error) {
      lock.release();
      throw error;
    }
    engine.releaseLock = lock.release;
    // Through durability: on a full disk the engine still starts (HALTED from the latch file,
    // if a kill was latched) and says what it could not write.
    if (lock.reclaimed !== null) {
      engine.risk.durability.audit({
        kind: 'engine.lock_reclaimed',
        actor: `system:${options.host}`,
        payload: { ...lock.reclaimed },
      });
    }
    engine.risk.durability.audit({
      kind: 'engine.started',
      actor: `system:${options.host}`,
      payload: { version: options.version, schemaVersion: store.schemaVersion },
    });
    engine.anchorAudit();
    // A restart in HALTED finishes an interrupted cancel/flatten before anything else trades.
    engine.risk.kill.resumeIfUnfinished()?.catch(options.onError ?? ((e) => console.error(e)));
    // Startup reconciliation of every non-final order with the venue (never resends).
    // A stop while it waits on the venue abandons it (ExecutorStoppedError): nothing is
    // written to the closing database, and the next start reconciles again.
    engine.execution.start().catch((error: unknown) => {
      if (!(error instanceof ExecutorStoppedError)) engine.onError(error);
    });
    // A restart mid-wake waits for the wake checks again; the clock jump detector starts.
    engine.power.start();
    // A restart in LIVE reopens the live book (background); orders wait for it, saying so.
    engine.trading.resume();
    engine.alerts.start();
    // The journal reads the book's fill history in slices, before the trader first looks.
    engine.journal
      .warmUp(engine.execution.broker.bookId, () => new Promise((resolve) => setImmediate(resolve)))
      .catch(options.onError ?? ((e: unknown) => console.error('journal:', e)));
    const scheduler = options.scheduler ?? systemScheduler;
    engine.stopHeartbeat = startHeartbeat({
      scheduler,
      everyMs: options.heartbeatMs ?? 1000,
      clock: engine.clock,
      risk: engine.risk,
      market: engine.market,
      execution: engine.execution,
      events: engine.events,
      status: () => engine.status(),
    });
    if (engine.sourceControl !== undefined) engine.sourceControl.start();
    else if (options.market !== undefined && options.market.kind !== 'configured') {
      engine.fixedPipeline = startMarketPipeline(engine, {
        market: options.market,
        scanner: options.scanner,
      });
    }
    // Every stored key's permissions are checked again at each start (network; background).
    engine.keysCheckedAtStart = engine.connections
      .verifyKeysAtStart(`system:${options.host}`)
      .catch(options.onError ?? ((e: unknown) => console.error('key check:', e)));
    return engine;
  }

  /** Feed -> paper venue + scanner; present when the engine was started with a market. */
  get pipeline(): MarketPipeline | undefined {
    return this.sourceControl?.pipeline ?? this.fixedPipeline;
  }

  status(): EngineStatus {
    const now = this.clock.now();
    return {
      version: this.options.version,
      tradingMode: this.trading.mode,
      // The live control state, never a stored copy: one source of truth for every status.
      controlMode: this.risk.control.mode,
      dataDir: this.options.dataDir,
      startedAt: this.startedAt,
      now,
      uptimeMs: Math.max(0, now - this.startedAt),
      schemaVersion: this.store.schemaVersion,
      eventLoopLag: this.lag.snapshot(),
    };
  }

  /**
   * Writes the audit chain's head beside the database (audit-anchor.json) and returns it. A
   * failure to write the side file is reported, never thrown: the chain itself is intact.
   */
  anchorAudit(): AuditAnchor {
    const anchor = this.audit.anchor;
    try {
      writeAuditAnchor(this.options.dataDir, anchor, this.clock.now());
    } catch (error) {
      this.reportError(asStorageError(error, auditAnchorPath(this.options.dataDir)) ?? error);
    }
    return anchor;
  }

  private reportError(error: unknown): void {
    (this.options.onError ?? ((e: unknown) => console.error('vigil:', e)))(error);
  }

  /** Audits the stop and closes the database. Idempotent. */
  stop(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    // Sources of new work first: no beat, no announcement, no plan or autopilot send starts
    // while the parts below are stopping.
    this.stopHeartbeat();
    this.stopAnnouncing();
    this.stopPlans();
    this.backtests.stop();
    // A cancelled calibration audits its cancel here, in the synchronous stretch, while the
    // store is still open (tests/integration/calibration-host.test.ts).
    this.calibrations.stop();
    this.power.stop();
    this.alerts.stop();
    // Writers that run after this synchronous stretch stop before the store closes below.
    this.bookMarks.stop();
    this.journal.stop();
    this.risk.kill.stop();
    this.execution.stop();
    this.trading.stop().catch(this.onError);
    this.lag.stop();
    this.pipeline?.stop().catch(this.options.onError ?? console.error);
    this.market.stop().catch(this.options.onError ?? console.error);
    // The stop is the chain's last row, and the anchor names it: only then do the latch file,
    // the store and the folder's lock go (tests/integration/engine/stop-order.test.ts).
    this.risk.durability.audit({
      kind: 'engine.stopped',
      actor: `system:${this.options.host}`,
      payload: { reason, uptimeMs: this.clock.now() - this.startedAt },
    });
    const unwritten = this.risk.durability.unwritten();
    if (unwritten !== null)
      this.reportError(new PersistFailedError(`stopping with writes still refused: ${unwritten}`));
    this.anchorAudit();
    if ('latch' in this.latch) this.latch.latch.close();
    this.store.close();
    this.releaseLock();
  }
}
