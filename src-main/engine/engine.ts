import type { EngineStatus } from '../../src-shared/contract/status';
import type { CommandHandlers } from '../../src-shared/contract/handlers';
import { TradingModeSchema } from '../../src-shared/domain/modes';
import { auditAnchorPath, writeAuditAnchor, type AuditAnchor } from './audit/audit-anchor';
import { AuditLog } from './audit/audit-log';
import { BookMarkPublisher } from './book-valuation';
import { asStorageError, describeStorageProblem, storageProblemOf } from './store/storage-failure';
import { systemClock, systemScheduler, type Clock, type Scheduler } from './clock';
import { databasePath, ensureDataDir, killLatchPath } from './data-dir';
import { PersistFailedError } from './control/durability';
import { KillLatchFile } from './kill/kill-latch-file';
import { EventBus } from './event-bus';
import { ExecutionService } from './execution/execution-service';
import { startEventLoopLagMonitor, type EventLoopLagMonitor } from './event-loop-lag';
import { createCommandHandlers } from './handlers';
import { CandleStore } from './market/candle-store';
import { ConnectionsService, type MarketControl } from './market/connections/connections-service';
import type { ExchangeCatalog } from './market/connections/exchange-catalog';
import { CcxtCatalog } from './market/exchanges/ccxt-catalog';
import { MarketService, type MarketOptions } from './market/market-service';
import { SavedReplaySchema } from './market/replay-position';
import {
  startMarketPipeline,
  type MarketPipeline,
  type MarketPipelineOptions,
} from './market-pipeline';
import { MarketSourceControl, type ConfiguredMarketOptions } from './market-source';
import { SignalBoard } from './scanner/signal-board';
import { NoKeychain } from './secrets/no-keychain';
import { checkKeyPermissions, type PermissionCheck } from './secrets/permission-check';
import type { SecretStore } from './secrets/secret-store';
import { Secrets } from './secrets/secrets';
import { Settings } from './settings';
import { openStore, type Store } from './store/open-store';
import { acquireDataDirLock, type DataDirLock } from './store/data-dir-lock';
import { StoreOpenError } from './store/store-error';
import type { KillVenue } from './kill/kill-venue';
import type { Sleep } from './kill/sleeper';
import { executionKillVenue } from './kill/execution-kill-venue';
import { floatRate } from './ledger/conversion';
import { ledgerBookSnapshot } from './risk/ledger-book';
import { riskOrderEvaluator, riskOrderGate, type RiskOrderGateDeps } from './risk/risk-order-gate';
import { guardPlanBrackets } from './plans/bracket-guard';
import { PlanService } from './plans/plan-service';
import { PlanStore } from './plans/plan-store';
import type { BookSnapshot } from './risk/risk-guard';
import { RiskSystem } from './risk/risk-system';
import { systemMonotonic, type MonotonicClock } from './power/clock-jump-detector';
import { PowerSystem } from './power/power-system';
import type { AlertSecrets } from './alerts/alert-secrets';
import type { AlertSystem } from './alerts/alert-system';
import { createAlerts, type AlertTuning } from './alerts/create-alerts';
import { DesktopSettingsStore } from './lifecycle/desktop-settings';

/**
 * The data folder's one-engine lock, taken before the database is opened. A folder the lock
 * cannot be made in is refused like the database would be: read-only, permission denied or
 * no space, said with the database's path.
 */
function lockDataDir(options: EngineOptions, startedAt: number): DataDirLock {
  try {
    return acquireDataDirLock(options.dataDir, { pid: process.pid, host: options.host, startedAt });
  } catch (error) {
    const problem = storageProblemOf(error);
    if (problem === null) throw error;
    const path = databasePath(options.dataDir);
    throw new StoreOpenError(
      path,
      `${describeStorageProblem(problem, path)}; Vigil must be able to write its database there`,
    );
  }
}

/** Settings key of the replay position (a restart resumes there). */
const REPLAY_POSITION_KEY = 'replay_position';

type LatchOpening =
  | { readonly latch: KillLatchFile }
  | { readonly latchUnavailable: { readonly error: unknown; readonly path: string } };

/** The kill latch file; when it cannot be opened (a full disk at first start), why not. */
function openKillLatch(dataDir: string): LatchOpening {
  const path = killLatchPath(dataDir);
  try {
    return { latch: KillLatchFile.open(path) };
  } catch (error) {
    return { latchUnavailable: { error, path } };
  }
}

export interface EngineOptions {
  readonly dataDir: string;
  readonly version: string;
  /** Who started the engine, for the audit record: 'electron', 'host', 'test'. */
  readonly host: string;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  /** How often a statusChanged heartbeat is published. */
  readonly heartbeatMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Venues the kill switch sweeps from the start (executors may add more). */
  readonly venues?: readonly KillVenue[];
  /** Wait between kill retries; tests inject one that does not sleep. */
  readonly sleep?: Sleep;
  /** The trader's IANA time zone for the default risk config; the system zone when omitted. */
  readonly timeZone?: string;
  /** Starting cash of a new paper account (default 10000 USDT); later changes need a reset. */
  readonly paperStartingBalance?: string;
  /** Main-loop lag measurement; injectable so tests see fixed figures. */
  readonly lagMonitor?: EventLoopLagMonitor;
  /**
   * Market data. `configured` (the hosts): the bundled replay or the trader's exchange
   * connections, as the trader chose (remembered), switching when that changes. `replay` or
   * `live`: a fixed market (tests). The feed starts in the background (start stays
   * synchronous); without it the engine has no feed, which keeps other areas' tests quiet.
   */
  readonly market?: MarketOptions | ConfiguredMarketOptions;
  /** The OS keychain (the hosts: KeytarSecretStore). Without one, keys cannot be stored. */
  readonly secrets?: SecretStore;
  /** Which exchanges exist and what they serve; ccxt's catalog by default. */
  readonly catalog?: ExchangeCatalog;
  /** The key permission check; ccxt's implicit API by default. */
  readonly permissionCheck?: PermissionCheck;
  /**
   * The clock that stops while the machine sleeps (performance.now) for the clock jump
   * detector; defaults to `clock` when a clock is injected.
   */
  readonly monotonic?: MonotonicClock;
  /** For tests: the Telegram API origin and the retry wait (the secrets are in `secrets`). */
  readonly alerts?: AlertTuning;
  /** Scanner settings for the market pipeline (only used with `market`). */
  readonly scanner?: MarketPipelineOptions['scanner'];
}

/**
 * The engine: one instance per data folder, running unchanged inside Electron's main process
 * and inside the headless host. This is the composition root of everything below it.
 */
export class Engine {
  readonly events: EventBus;
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
  /** The active book valued at mark: what the risk gate and the risk gauges see. */
  readonly bookSnapshot: () => BookSnapshot;
  /** Publishes the book at mark (bookMarked) after every mark, fill or order change. */
  readonly bookMarks: BookMarkPublisher;
  /** The latest signal of every scanned market (the board). */
  readonly signals = new SignalBoard();
  /** Trade plans: sized from signals, judged by the gate's dry run, sent as brackets. */
  readonly plans: PlanService;
  /** Feed -> paper venue + scanner; present when the engine was started with a market. */
  pipeline: MarketPipeline | undefined;
  /** The keychain, per purpose, for this data folder. */
  readonly secrets: Secrets;
  /** Exchange connections, their keys and the market source. */
  readonly connections: ConnectionsService;
  private readonly sourceControl: MarketSourceControl | undefined;
  readonly startedAt: number;
  readonly lag: EventLoopLagMonitor;
  private stopHeartbeat: () => void = () => {};
  private readonly stopAnnouncing: () => void;
  private releaseLock: () => void = () => {};
  private stopped = false;

  private constructor(
    readonly options: EngineOptions,
    store: Store,
    private readonly latch: LatchOpening,
  ) {
    this.store = store;
    this.clock = options.clock ?? systemClock;
    this.startedAt = this.clock.now();
    this.events = new EventBus(options.onError ?? ((e) => console.error('event listener:', e)));
    this.audit = new AuditLog(store.db, this.clock);
    this.settings = new Settings(store.db);
    this.secrets = new Secrets(options.secrets ?? new NoKeychain(), this.settings);
    this.market = new MarketService({
      events: this.events,
      clock: this.clock,
      scheduler: options.scheduler ?? systemScheduler,
      onError: options.onError ?? ((e) => console.error('market:', e)),
      store: new CandleStore(store.db),
      replayPosition: {
        load: () => this.settings.get(REPLAY_POSITION_KEY, (v) => SavedReplaySchema.parse(v), null),
        save: (position) => this.settings.set(REPLAY_POSITION_KEY, position),
      },
      seekRefusal: () => this.seekRefusal(),
    });
    const onError = options.onError ?? ((e: unknown) => console.error('execution:', e));
    // Risk first: the executor's gate and the kill switch's venue list both point at it.
    const risk = new RiskSystem({
      settings: this.settings,
      audit: this.audit,
      events: this.events,
      clock: this.clock,
      venues: options.venues,
      sleep: options.sleep,
      timeZone: options.timeZone,
      atomically: (fn) => store.db.transaction(fn)(),
      databasePath: store.path,
      ...latch,
      onError: options.onError ?? ((e) => console.error('risk:', e)),
    });
    this.risk = risk;
    const markOf = (symbol: string): number | null => {
      const last = this.execution.paper?.lastPrice(symbol) ?? null;
      return last === null ? null : Number(last);
    };
    // A quote currency in the book's own, through the markets that link them (BTC via BTC/USDT).
    const rateOf = (asset: string): number | null => {
      const marks = new Map<string, number>();
      for (const market of this.execution.broker.markets()) {
        const mark = markOf(market.symbol);
        if (mark !== null) marks.set(market.symbol, mark);
      }
      return floatRate(
        asset,
        this.execution.ledger.book(this.execution.broker.bookId)?.quoteAsset ?? '',
        marks,
      );
    };
    const gateDeps: RiskOrderGateDeps = {
      guard: risk.guard,
      mark: markOf,
      rate: rateOf,
      book: () => this.bookSnapshot(),
    };
    // The paper venue lives on market time: in a replay its orders and fills carry the
    // replayed bars' times, so a fill is never matched against a bar from "before" the order.
    const marketClock: Clock = { now: () => this.market.now() };
    this.execution = ExecutionService.paper({
      db: store.db,
      clock: marketClock,
      audit: this.audit,
      paper: {
        startingBalance: options.paperStartingBalance ?? '10000',
        // Without a configured market, whoever drives the engine pushes the bars itself.
        barsComing: () => options.market === undefined || this.market.barsComing(),
      },
      events: {
        orderUpdated: (o) => {
          this.events.publish('orderUpdated', o);
          // Working entries count in the heat: an order change can move the gauges.
          this.bookMarks.changed();
        },
        fillRecorded: (f) => this.events.publish('fillRecorded', f),
        equitySampled: (s) => {
          this.events.publish('equitySampled', s);
          // Every mark-to-market and fill samples equity: the book's valuation follows it.
          this.bookMarks.changed();
          // Equity at mark drives the daily-loss and drawdown limits (halt / REDUCING).
          try {
            risk.guard.observeEquity(Number(s.equity));
          } catch (error) {
            onError(error);
          }
        },
        error: onError,
      },
      executor: {
        // Every order from any source passes the risk gate, synchronously, before its intent.
        gate: riskOrderGate(gateDeps),
      },
    });
    this.bookSnapshot = () =>
      ledgerBookSnapshot({
        ledger: this.execution.ledger,
        bookId: this.execution.broker.bookId,
        openOrders: () =>
          this.execution.executor.orders.list(this.execution.broker.bookId, true, 10_000),
        mark: markOf,
        rate: rateOf,
        now: () => this.clock.now(),
        lookbackMs: () => risk.config.current.lossCooldownMin * 60_000,
      });
    this.bookMarks = new BookMarkPublisher({
      ledger: this.execution.ledger,
      bookId: this.execution.broker.bookId,
      now: marketClock.now,
      usage: () => risk.guard.usage(this.bookSnapshot()),
      publish: (valuation) => this.events.publish('bookMarked', valuation),
      schedule: queueMicrotask,
      onError,
    });
    risk.addVenue(executionKillVenue(this.execution));
    this.plans = new PlanService({
      store: new PlanStore(store.db),
      audit: this.audit,
      bookId: () => this.execution.broker.bookId,
      markets: () => this.execution.broker.markets(),
      signals: () => this.signals.list(),
      explain: (row) => this.signals.explain(row),
      book: () => this.bookSnapshot(),
      usage: (book) => risk.guard.usage(book),
      evaluate: riskOrderEvaluator(gateDeps),
      mark: markOf,
      rate: rateOf,
      config: () => risk.config.current,
      now: marketClock.now,
      place: (request, actor) => this.execution.executor.place(request, actor),
      cancel: (id, actor, reason) => this.execution.executor.cancel(id, actor, reason),
    });
    guardPlanBrackets({
      executor: this.execution.executor,
      audit: this.audit,
      isPlanEntry: (id) => this.plans.forEntry(id) !== null,
      onError,
    });
    const market = options.market;
    this.sourceControl =
      market?.kind === 'configured'
        ? new MarketSourceControl(this, market, options.scanner)
        : undefined;
    const fixedMarket: MarketControl = {
      apply: () => Promise.resolve(),
      states: () => this.market.connectionStates(),
    };
    this.connections = new ConnectionsService({
      db: store.db,
      audit: this.audit,
      settings: this.settings,
      clock: this.clock,
      catalog: options.catalog ?? new CcxtCatalog(),
      secrets: this.secrets,
      check: options.permissionCheck ?? checkKeyPermissions,
      market: this.sourceControl ?? fixedMarket,
      onChanged: (list) => this.events.publish('connectionsChanged', list),
    });
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
    this.desktop = new DesktopSettingsStore(this.settings, this.audit, (next) =>
      this.events.publish('desktopSettingsChanged', next),
    );
    // Quotes left stale by a sleep are the wake's to handle (trading blocked, stops resting,
    // waiting for fresh data), not a panic kill that would cancel those stops.
    risk.deferPanicWhen((alarm) =>
      alarm.detector === 'stale-quotes' ? this.power.explainsStaleQuotes() : null,
    );
    this.handlers = createCommandHandlers(this);
    this.lag = options.lagMonitor ?? startEventLoopLagMonitor();
  }

  /**
   * Why the replay cannot be moved now, or null. With a position open or an order working, a
   * jump in time would fill or value them at prices they never traded through.
   */
  private seekRefusal(): string | null {
    const bookId = this.execution.broker.bookId;
    const open = this.execution.ledger.positions(bookId).filter((p) => Number(p.qty) !== 0);
    const working = this.execution.executor.orders.nonFinal(bookId);
    if (open.length === 0 && working.length === 0) return null;
    const what = [
      open.length > 0
        ? `${open.length} open position(s) (${open.map((p) => p.symbol).join(', ')})`
        : null,
      working.length > 0 ? `${working.length} working order(s)` : null,
    ].filter((x) => x !== null);
    return `the paper book has ${what.join(' and ')}; close and cancel them first, since a jump in time would fill or value them at prices they never traded through`;
  }

  static start(options: EngineOptions): Engine {
    ensureDataDir(options.dataDir);
    // One engine per data folder, across processes (the app, `vigil serve`): refuse a second.
    const clock = options.clock ?? systemClock;
    const lock = lockDataDir(options, clock.now());
    let store: Store;
    let engine: Engine;
    try {
      store = openStore(databasePath(options.dataDir));
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
    engine.execution
      .start()
      .catch(options.onError ?? ((e: unknown) => console.error('reconcile:', e)));
    // A restart mid-wake waits for the wake checks again; the clock jump detector starts.
    engine.power.start();
    engine.alerts.start();
    const scheduler = options.scheduler ?? systemScheduler;
    engine.stopHeartbeat = scheduler.every(options.heartbeatMs ?? 1000, () => {
      // What the disk refused on the control path is retried with every beat.
      engine.risk.durability.flush();
      engine.events.publish('statusChanged', engine.status());
    });
    if (engine.sourceControl !== undefined) engine.sourceControl.start();
    else if (options.market !== undefined && options.market.kind !== 'configured') {
      engine.pipeline = startMarketPipeline(engine, {
        market: options.market,
        scanner: options.scanner,
      });
    }
    // Every stored key's permissions are checked again at each start (network; background).
    engine.connections
      .verifyKeysAtStart(`system:${options.host}`)
      .catch(options.onError ?? ((e: unknown) => console.error('key check:', e)));
    return engine;
  }

  status(): EngineStatus {
    const now = this.clock.now();
    return {
      version: this.options.version,
      tradingMode: this.settings.get('trading_mode', (v) => TradingModeSchema.parse(v), 'PAPER'),
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
    this.stopHeartbeat();
    this.stopAnnouncing();
    this.power.stop();
    this.alerts.stop();
    this.risk.kill.stop();
    this.execution.stop();
    this.lag.stop();
    this.pipeline?.stop().catch(this.options.onError ?? console.error);
    this.market.stop().catch(this.options.onError ?? console.error);
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

/** The daily summary's text: the book at mark, the day's change, the mode. */
function dailySummary(engine: Engine): { title: string; body: string } {
  const usage = engine.risk.guard.usage(engine.bookSnapshot());
  const change = usage.equity - usage.startOfDayEquity;
  const sign = change >= 0 ? '+' : '';
  return {
    title: `Vigil daily summary: equity ${usage.equity.toFixed(2)}`,
    body:
      `Today ${sign}${change.toFixed(2)} (from ${usage.startOfDayEquity.toFixed(2)}), drawdown ` +
      `${usage.drawdownPct.toFixed(2)}%, ${usage.openPositions} open position(s), mode ${engine.risk.control.mode}.`,
  };
}
