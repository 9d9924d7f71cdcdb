import type { PowerSettings } from '../../../src-shared/contract/power';
import type { FeedStatus } from '../../../src-shared/domain/market';
import type { AuditLog } from '../audit/audit-log';
import type { Clock, Scheduler } from '../clock';
import type { EventBus } from '../event-bus';
import type { ExecutionService } from '../execution/execution-service';
import type { RiskSystem } from '../risk/risk-system';
import type { Settings } from '../settings';
import { qtyOf } from '../ledger/money';
import {
  startClockJumpDetector,
  type ClockJumpDetector,
  type MonotonicClock,
} from './clock-jump-detector';
import { PowerSettingsStore } from './power-settings-store';
import {
  ensureProtectiveStops,
  POWER_ACTOR,
  type ProtectiveStopsDeps,
  type StopsReport,
} from './protective-stops';
import { SleepWakeGuard } from './sleep-wake-guard';
import { runWakeChecks } from './wake-checks';

export interface PowerSystemDeps {
  readonly settings: Settings;
  readonly audit: AuditLog;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly monotonic: MonotonicClock;
  readonly execution: ExecutionService;
  readonly risk: RiskSystem;
  readonly mark: (symbol: string) => number | null;
  /** The market feeds trading depends on (none when the engine runs without a market). */
  readonly feeds: () => readonly FeedStatus[];
  readonly onError: (error: unknown) => void;
  /** How often the clock jump detector looks (default 5 s). */
  readonly detectorIntervalMs?: number;
}

/**
 * Sleep and wake, wired to the engine: the settings, the guard, its protective-stop and wake
 * checks on the active book, and the clock jump detector that gives the headless host the
 * same wake handling Electron's powerMonitor gives the app.
 */
export class PowerSystem {
  readonly settings: PowerSettingsStore;
  readonly guard: SleepWakeGuard;
  private detector: ClockJumpDetector | null = null;
  private readonly stopsFor: (actor: string) => ProtectiveStopsDeps;

  constructor(private readonly deps: PowerSystemDeps) {
    this.settings = new PowerSettingsStore(deps.settings, deps.audit);
    const { execution } = deps;
    const bookId = (): string => execution.broker.bookId;
    const stops = (actor: string): ProtectiveStopsDeps => ({
      positions: () => execution.ledger.positions(bookId()),
      openOrders: () => execution.executor.list(true, 10_000),
      plannedStop: (symbol, side) => {
        // The latest filled bracket entry in this direction (a long's stop is a sell).
        const entrySide = side === 'sell' ? 'buy' : 'sell';
        const entry = execution.executor.orders
          .list(bookId(), false, 10_000)
          .filter(
            (o) =>
              o.bracket_role === 'entry' &&
              o.symbol === symbol &&
              o.side === entrySide &&
              o.bracket_stop !== null &&
              qtyOf(o.filled_qty, 'filled') > 0n,
          )
          .sort((a, b) => b.updated_at - a.updated_at)[0];
        return entry?.bracket_stop ?? null;
      },
      mark: deps.mark,
      tickSize: (symbol) =>
        execution.broker.markets().find((m) => m.symbol === symbol)?.tickSize ?? null,
      placeStop: (stop) => execution.placeProtectiveStop(stop, actor),
      audit: deps.audit,
      emergencyStopPct: () => this.settings.current.emergencyStopPct,
      actor,
    });
    this.stopsFor = stops;
    // While HALTED the kill switch owns the book (it cancelled every order on purpose): the
    // guard places nothing then.
    const ensureStops = (why: string): Promise<StopsReport | null> =>
      deps.risk.control.mode === 'HALTED'
        ? Promise.resolve(null)
        : ensureProtectiveStops(stops(POWER_ACTOR), why);
    this.guard = new SleepWakeGuard({
      control: deps.risk.control,
      settings: this.settings,
      audit: deps.audit,
      events: deps.events,
      clock: deps.clock,
      scheduler: deps.scheduler,
      ensureStops,
      wakeChecks: (wakeAt) =>
        runWakeChecks(
          {
            reconcile: () => execution.executor.reconcile(POWER_ACTOR),
            venueBalances: () => execution.broker.balances(),
            venuePositions: () => execution.broker.positions(),
            book: () => execution.ledger.book(bookId()),
            ledgerPositions: () => execution.ledger.positions(bookId()),
            feeds: deps.feeds,
            ensureStops: () => ensureStops('wake'),
          },
          wakeAt,
        ),
      kill: (reason) =>
        deps.risk.triggerKill({
          actor: POWER_ACTOR,
          reason,
          flatten: deps.risk.config.current.flattenOnKill,
        }),
      onError: deps.onError,
    });
  }

  /**
   * A protective stop for every open position that lacks one, placed by `actor` (the kill
   * panel's "re-place protective stops": a kill without flatten canceled them). The same rule
   * as before a sleep: the stop the bracket recorded while it lies beyond the mark, else the
   * emergency distance from the mark. Also while HALTED: such a stop only reduces.
   */
  ensureStops(actor: string, why: string): Promise<StopsReport> {
    return ensureProtectiveStops(this.stopsFor(actor), why);
  }

  /** Validated, persisted, audited; the cockpit sees the new settings at once. */
  updateSettings(changes: Partial<PowerSettings>, actor: string): PowerSettings {
    const next = this.settings.update(changes, actor);
    this.deps.events.publish('powerStatusChanged', this.guard.current);
    return next;
  }

  /** Resumes an interrupted wake and starts the clock jump detector. */
  start(): void {
    this.guard.start();
    this.detector = startClockJumpDetector({
      wall: this.deps.clock,
      mono: this.deps.monotonic,
      scheduler: this.deps.scheduler,
      intervalMs: this.deps.detectorIntervalMs ?? 5_000,
      thresholdMs: () => this.settings.current.wakeGapSec * 1000,
      onJump: (jump) => {
        this.deps.audit.append({
          kind: 'power.clock_jump',
          actor: POWER_ACTOR,
          payload: { wallMs: jump.wallMs, monoMs: jump.monoMs },
        });
        this.guard.resume('clock-jump', jump.sleptMs);
      },
    });
  }

  /**
   * Whether a sleep explains stale market data now: looks for a clock jump first (so a wake
   * is noticed before the stale-quote panic acts on it), then answers with the reason when
   * trading is RESUMING — blocked, stops resting, waiting for fresh quotes — or null.
   */
  explainsStaleQuotes(): string | null {
    this.detector?.checkNow();
    return this.deps.risk.control.mode === 'RESUMING'
      ? 'RESUMING after sleep: trading is blocked and waits for fresh quotes, with stops resting'
      : null;
  }

  stop(): void {
    this.detector?.stop();
    this.detector = null;
    this.guard.stop();
  }
}
