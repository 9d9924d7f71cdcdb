import type { EngineStatus } from '../../src-shared/contract/status';
import type { CommandHandlers } from '../../src-shared/contract/handlers';
import { TradingModeSchema } from '../../src-shared/domain/modes';
import { auditAnchorPath, writeAuditAnchor, type AuditAnchor } from './audit/audit-anchor';
import { AuditLog } from './audit/audit-log';
import { BookMarkPublisher } from './book-valuation';
import { asStorageError } from './store/storage-failure';
import { systemClock, systemScheduler, type Clock, type Scheduler } from './clock';
import { databasePath, ensureDataDir, killLatchPath } from './data-dir';
import { PersistFailedError } from './control/durability';
import { KillLatchFile } from './kill/kill-latch-file';
import { EventBus } from './event-bus';
import { ExecutionService } from './execution/execution-service';
import { startEventLoopLagMonitor, type EventLoopLagMonitor } from './event-loop-lag';
import { createCommandHandlers } from './handlers';
import { CandleStore } from './market/candle-store';
import { MarketService, type MarketOptions } from './market/market-service';
import {
  startMarketPipeline,
  type MarketPipeline,
  type MarketPipelineOptions,
} from './market-pipeline';
import { SignalBoard } from './scanner/signal-board';
import { Settings } from './settings';
import { openStore, type Store } from './store/open-store';
import type { KillVenue } from './kill/kill-venue';
import type { Sleep } from './kill/sleeper';
import { executionKillVenue } from './kill/execution-kill-venue';
import { ledgerBookSnapshot } from './risk/ledger-book';
import { riskOrderGate } from './risk/risk-order-gate';
import type { BookSnapshot } from './risk/risk-guard';
import { RiskSystem } from './risk/risk-system';

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
   * Market data: replay (the default in the hosts) or live. When given, the feed starts in the
   * background (start stays synchronous); without it the engine has no feed, which keeps other
   * areas' unit tests quiet.
   */
  readonly market?: MarketOptions;
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
  /** The active book valued at mark: what the risk gate and the risk gauges see. */
  readonly bookSnapshot: () => BookSnapshot;
  /** Publishes the book at mark (bookMarked) after every mark, fill or order change. */
  readonly bookMarks: BookMarkPublisher;
  /** The latest signal of every scanned market (the board). */
  readonly signals = new SignalBoard();
  /** Feed -> paper venue + scanner; present when the engine was started with a market. */
  pipeline: MarketPipeline | undefined;
  readonly startedAt: number;
  readonly lag: EventLoopLagMonitor;
  private stopHeartbeat: () => void = () => {};
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
    this.market = new MarketService({
      events: this.events,
      clock: this.clock,
      scheduler: options.scheduler ?? systemScheduler,
      onError: options.onError ?? ((e) => console.error('market:', e)),
      store: new CandleStore(store.db),
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
    // The paper venue lives on market time: in a replay its orders and fills carry the
    // replayed bars' times, so a fill is never matched against a bar from "before" the order.
    const marketClock: Clock = { now: () => this.market.now() };
    this.execution = ExecutionService.paper({
      db: store.db,
      clock: marketClock,
      audit: this.audit,
      paper: { startingBalance: options.paperStartingBalance ?? '10000' },
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
        gate: riskOrderGate({
          guard: risk.guard,
          mark: markOf,
          book: () => this.bookSnapshot(),
        }),
      },
    });
    this.bookSnapshot = () =>
      ledgerBookSnapshot({
        ledger: this.execution.ledger,
        bookId: this.execution.broker.bookId,
        openOrders: () =>
          this.execution.executor.orders.list(this.execution.broker.bookId, true, 10_000),
        mark: markOf,
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
    this.handlers = createCommandHandlers(this);
    this.lag = options.lagMonitor ?? startEventLoopLagMonitor();
  }

  static start(options: EngineOptions): Engine {
    ensureDataDir(options.dataDir);
    const store = openStore(databasePath(options.dataDir));
    const engine = new Engine(options, store, openKillLatch(options.dataDir));
    // Through durability: on a full disk the engine still starts (HALTED from the latch file,
    // if a kill was latched) and says what it could not write.
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
    const scheduler = options.scheduler ?? systemScheduler;
    engine.stopHeartbeat = scheduler.every(options.heartbeatMs ?? 1000, () => {
      // What the disk refused on the control path is retried with every beat.
      engine.risk.durability.flush();
      engine.events.publish('statusChanged', engine.status());
    });
    if (options.market !== undefined) {
      engine.pipeline = startMarketPipeline(engine, {
        market: options.market,
        scanner: options.scanner,
      });
    }
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
  }
}
