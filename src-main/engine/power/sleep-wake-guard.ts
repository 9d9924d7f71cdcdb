import type { PowerSource, PowerStatus, WakeCheck } from '../../../src-shared/contract/power';
import type { AuditLog } from '../audit/audit-log';
import type { Clock, Scheduler } from '../clock';
import type { ControlModes } from '../control/control-modes';
import type { EventBus } from '../event-bus';
import type { PowerSettingsStore } from './power-settings-store';
import { POWER_ACTOR, type StopsReport } from './protective-stops';

export interface SleepWakeGuardDeps {
  readonly control: ControlModes;
  readonly settings: PowerSettingsStore;
  readonly audit: AuditLog;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Places the missing protective stops (audited by itself); null when HALTED. */
  readonly ensureStops: (why: string) => Promise<StopsReport | null>;
  /** One pass of the wake checks (orders, balances, stops, feeds). */
  readonly wakeChecks: (wakeAt: number) => Promise<WakeCheck[]>;
  readonly kill: (reason: string) => void;
  readonly onError: (error: unknown) => void;
  /** The first wait before the wake checks run again (doubling per failed pass, default 1 s). */
  readonly retryMs?: number;
  /** The longest wait between passes (default 10 s): a stuck check must not hammer the venue. */
  readonly maxRetryMs?: number;
}

/**
 * Laptop sleep and wake. On suspend (Electron's powerMonitor) trading is blocked at once
 * (RESUMING), and every open position's stop is made to rest at the venue, or everything is
 * killed when the trader chose "kill on suspend". On resume (powerMonitor, or the clock jump
 * detector when no OS event exists) trading stays RESUMING until one pass of the wake checks
 * finds every feed fresh and orders, fills and balances reconciled; then the mode from before
 * comes back — never a softer one, and HALTED stays HALTED. Every step is audited.
 */
export class SleepWakeGuard {
  private status: PowerStatus;
  private stopRetry: (() => void) | null = null;
  private wakeAt = 0;
  private passRunning = false;
  private failedPasses = 0;
  private nextPassAt = 0;
  private stopped = false;

  constructor(private readonly deps: SleepWakeGuardDeps) {
    this.status = {
      state: 'awake',
      source: null,
      since: null,
      sleptMs: null,
      checks: [],
      settings: deps.settings.current,
    };
  }

  get current(): PowerStatus {
    return { ...this.status, settings: this.deps.settings.current };
  }

  /** At engine start: a restart in RESUMING (a crash mid-wake) waits for the checks again. */
  start(): void {
    if (this.deps.control.mode === 'RESUMING') this.resume('restart', null);
  }

  stop(): void {
    this.stopped = true;
    this.stopRetry?.();
    this.stopRetry = null;
  }

  /**
   * The system is about to sleep. Synchronous up to the block on new orders; the stops (or
   * the kill) follow at once, since the OS may suspend the process any moment.
   */
  suspend(source: PowerSource): Promise<StopsReport | null> {
    const { killOnSuspend } = this.deps.settings.current;
    const mode = this.deps.control.mode;
    this.deps.control.enterResuming(
      POWER_ACTOR,
      'system suspending: trading blocked until the wake checks pass',
    );
    this.record('power.suspended', { source, mode, killOnSuspend });
    this.publish({
      state: 'suspending',
      source,
      since: this.deps.clock.now(),
      sleptMs: null,
      checks: [],
    });
    if (killOnSuspend && mode !== 'HALTED') {
      this.deps.kill('system suspend (kill on suspend is set)');
      return Promise.resolve(null);
    }
    return this.deps.ensureStops('system suspend').catch((error: unknown) => {
      this.deps.onError(error);
      return null;
    });
  }

  /** The system woke (or the clock jumped). Blocks trading until the wake checks pass. */
  resume(source: PowerSource, sleptMs: number | null): void {
    const now = this.deps.clock.now();
    this.wakeAt = now;
    const mode = this.deps.control.mode;
    const blocked = this.deps.control.enterResuming(
      POWER_ACTOR,
      `woke${sleptMs === null ? '' : ` after ${formatDuration(sleptMs)}`}: trading blocked until every feed is fresh and orders, fills and balances are reconciled`,
    );
    this.record('power.resumed', {
      source,
      sleptMs: sleptMs ?? -1,
      mode,
      blocked: blocked !== null,
    });
    this.publish({ state: 'resuming', source, since: now, sleptMs, checks: [] });
    this.failedPasses = 0;
    this.nextPassAt = now;
    this.stopRetry?.();
    // The timer ticks every second; a pass runs when its backoff is over.
    this.stopRetry = this.deps.scheduler.every(1000, () => this.pass());
    this.pass();
  }

  private pass(): void {
    if (this.passRunning || this.stopped || this.deps.clock.now() < this.nextPassAt) return;
    this.passRunning = true;
    const wakeAt = this.wakeAt;
    this.deps
      .wakeChecks(wakeAt)
      .then((checks) => {
        if (this.stopped || wakeAt !== this.wakeAt) return; // a newer wake took over
        this.finishPass(checks);
      })
      .catch((error: unknown) => this.deps.onError(error))
      .finally(() => {
        this.passRunning = false;
      });
  }

  private finishPass(checks: WakeCheck[]): void {
    const failing = checks.filter((c) => !c.ok);
    const before = this.status.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
    const after = failing.map((c) => `${c.name}: ${c.detail}`);
    if (failing.length > 0) {
      this.failedPasses += 1;
      const wait = Math.min(
        (this.deps.retryMs ?? 1000) * 2 ** (this.failedPasses - 1),
        this.deps.maxRetryMs ?? 10_000,
      );
      this.nextPassAt = this.deps.clock.now() + wait;
      // Audited when what blocks the wake changes, not on every retry.
      if (before.join('\n') !== after.join('\n'))
        this.record('power.wake_waiting', { blocking: after });
      this.publish({ ...this.status, checks });
      return;
    }
    this.stopRetry?.();
    this.stopRetry = null;
    const left = this.deps.control.leaveResuming(
      POWER_ACTOR,
      `awake: ${checks.map((c) => c.detail).join('; ')}`,
    );
    const mode = this.deps.control.mode;
    this.record('power.wake_complete', {
      mode,
      stayedHalted: left === null && mode === 'HALTED',
      elapsedMs: this.deps.clock.now() - this.wakeAt,
      checks: checks.map((c) => `${c.name}: ${c.detail}`),
    });
    this.publish({
      state: 'awake',
      source: this.status.source,
      since: this.deps.clock.now(),
      sleptMs: this.status.sleptMs,
      checks,
    });
  }

  private publish(next: Omit<PowerStatus, 'settings'>): void {
    this.status = { ...next, settings: this.deps.settings.current };
    this.deps.events.publish('powerStatusChanged', this.status);
  }

  private record(kind: string, payload: Record<string, unknown>): void {
    try {
      this.deps.audit.append({ kind, actor: POWER_ACTOR, payload });
    } catch (error) {
      this.deps.onError(error);
    }
  }
}

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 120) return `${minutes} min`;
  return `${(minutes / 60).toFixed(1)} h`;
}
