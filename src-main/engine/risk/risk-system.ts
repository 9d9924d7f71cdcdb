import type { ControlStatus } from '../../../src-shared/contract/risk';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { ControlModes } from '../control/control-modes';
import { Durability, PersistFailedError } from '../control/durability';
import type { DurableLatch } from '../kill/kill-latch-file';
import type { EventBus } from '../event-bus';
import type { Settings } from '../settings';
import type { KillVenue } from '../kill/kill-venue';
import { KillSwitch, type KillHandle } from '../kill/kill-switch';
import { realSleep, type Sleep } from '../kill/sleeper';
import { EquityMarksSchema } from './equity-monitor';
import { PanicMonitor } from './panic/panic-monitor';
import type { PanicAlarm } from './panic/panic-types';
import { RiskConfigStore } from './risk-config-store';
import { RiskGuard } from './risk-guard';

const EQUITY_MARKS_KEY = 'risk_equity_marks';

export interface RiskSystemOptions {
  readonly settings: Settings;
  readonly audit: AuditLog;
  readonly events: EventBus;
  readonly clock: Clock;
  /** Market time, for the daily loss limit's calendar day (see RiskGuardDeps.marketClock). */
  readonly marketClock?: Clock;
  readonly venues?: readonly KillVenue[];
  readonly sleep?: Sleep;
  /** The trader's IANA zone, used for the default configuration only. */
  readonly timeZone?: string;
  readonly onError: (error: unknown) => void;
  /** Upper bound on asking venues for status counts. */
  readonly statusTimeoutMs?: number;
  /** Runs a function inside one SQLite transaction (a mode change and its audit row). */
  readonly atomically?: <T>(fn: () => T) => T;
  /** The kill latch file (absent for an in-memory database). */
  readonly latch?: DurableLatch;
  /** Why the latch file could not be opened, when it could not: reported, never hidden. */
  readonly latchUnavailable?: { readonly error: unknown; readonly path: string };
  /** The database file, for messages (default ':memory:'). */
  readonly databasePath?: string;
}

/**
 * Risk configuration, control modes, the gate, panic detectors and the kill switch, wired
 * together once. The engine owns one; executors call `guard.check` on every order and register
 * their venues with `addVenue` so the kill switch sweeps them.
 */
export class RiskSystem {
  readonly control: ControlModes;
  readonly config: RiskConfigStore;
  readonly kill: KillSwitch;
  readonly guard: RiskGuard;
  readonly panic: PanicMonitor;
  /** Every write of the control and kill path, watched and retried. */
  readonly durability: Durability;
  private readonly venueList: KillVenue[];
  private readonly panicDeferrals: Array<(alarm: PanicAlarm) => string | null> = [];

  constructor(private readonly options: RiskSystemOptions) {
    const { settings, audit, events, clock, onError } = options;
    const databasePath = options.databasePath ?? ':memory:';
    this.venueList = [...(options.venues ?? [])];
    this.durability = new Durability({
      audit,
      events,
      clock,
      databasePath,
      onProblem: (message) => onError(new PersistFailedError(message)),
    });
    const unavailable = options.latchUnavailable;
    if (unavailable !== undefined)
      this.durability.report('latch-file', unavailable.error, unavailable.path);
    this.control = new ControlModes({
      settings,
      audit,
      events,
      clock,
      durability: this.durability,
      databasePath,
      ...(options.latch === undefined ? {} : { latch: options.latch }),
      ...(options.atomically === undefined ? {} : { atomically: options.atomically }),
    });
    this.config = new RiskConfigStore(
      settings,
      audit,
      events,
      options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    );
    this.kill = new KillSwitch({
      control: this.control,
      settings,
      events,
      clock,
      venues: () => this.venueList,
      sleep: options.sleep ?? realSleep,
      durability: this.durability,
      databasePath,
    });
    this.guard = new RiskGuard({
      control: this.control,
      config: this.config,
      audit,
      events,
      clock,
      ...(options.marketClock === undefined ? {} : { marketClock: options.marketClock }),
      marks: settings.get(EQUITY_MARKS_KEY, (v) => EquityMarksSchema.parse(v), null),
      saveMarks: (marks) => settings.set(EQUITY_MARKS_KEY, marks),
      halt: (actor, reason) =>
        this.triggerKill({ actor, reason, flatten: this.config.current.flattenOnKill }),
    });
    for (const venue of this.venueList) this.watchLateOrders(venue);
    this.panic = new PanicMonitor(
      () => this.config.current,
      (alarm) => {
        if (this.control.mode === 'HALTED') return;
        const deferred = this.panicDeferrals.reduce<string | null>(
          (reason, explain) => reason ?? explain(alarm),
          null,
        );
        if (deferred !== null) {
          audit.append({
            kind: 'risk.panic_deferred',
            actor: `risk:panic:${alarm.detector}`,
            payload: { reason: alarm.reason, because: deferred },
          });
          return;
        }
        this.triggerKill({
          actor: `risk:panic:${alarm.detector}`,
          reason: `panic: ${alarm.reason}`,
          flatten: this.config.current.flattenOnKill,
        });
      },
    );
  }

  /**
   * Lets another part explain a panic away (a wake explains stale quotes): a non-null reason
   * defers the kill, audited with that reason. Each part adds its own; the first that
   * explains the alarm is the reason.
   */
  deferPanicWhen(explain: (alarm: PanicAlarm) => string | null): void {
    this.panicDeferrals.push(explain);
  }

  get venues(): readonly KillVenue[] {
    return this.venueList;
  }

  addVenue(venue: KillVenue): void {
    if (this.venueList.some((v) => v.name === venue.name))
      throw new Error(`venue '${venue.name}' is already registered with the kill switch`);
    this.venueList.push(venue);
    this.watchLateOrders(venue);
  }

  /** An order a venue took in after it was recorded as never placed reaches the kill switch. */
  private watchLateOrders(venue: KillVenue): void {
    venue.onLateArrival?.((order) => this.kill.lateOrderArrived(venue.name, order));
  }

  /** Fires the kill switch; progress failures are reported, never thrown at the trigger. */
  triggerKill(t: { actor: string; reason: string; flatten: boolean }): KillHandle {
    const handle = this.kill.trigger(t);
    handle.done.catch(this.options.onError);
    return handle;
  }

  /** Control mode with who/why, the kill state, and what the venues show now. */
  async status(): Promise<ControlStatus> {
    const timeoutMs = this.options.statusTimeoutMs ?? 5_000;
    const results = await Promise.all(
      this.venueList.map(async (v) => {
        try {
          const [orders, positions] = await withTimeout(
            Promise.all([v.openOrders(), v.positions()]),
            timeoutMs,
            v.name,
          );
          return { orders: orders.length, positions: positions.filter((p) => p.qty !== 0).length };
        } catch {
          return null;
        }
      }),
    );
    const ok = results.every((r) => r !== null);
    return {
      control: this.control.current,
      kill: this.kill.current,
      openOrders: ok ? results.reduce((n, r) => n + (r?.orders ?? 0), 0) : null,
      positions: ok ? results.reduce((n, r) => n + (r?.positions ?? 0), 0) : null,
      venues: this.venueList.map((v) => v.name),
      durability: this.durability.status(),
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
