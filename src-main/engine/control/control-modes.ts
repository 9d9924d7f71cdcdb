import { ControlStateSchema, type ControlState } from '../../../src-shared/contract/risk';
import {
  ControlModeSchema,
  type ControlMode,
  type SettableMode,
} from '../../../src-shared/domain/modes';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { Settings } from '../settings';

/** Engine.status() reads this key; it holds the bare mode string. */
export const CONTROL_MODE_KEY = 'control_mode';
/** The mode with who/why/when, for `vigil status` and the UI. */
export const CONTROL_STATE_KEY = 'control_state';

/** A transition the current mode does not allow (e.g. `resume` while HALTED). */
export class ControlTransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlTransitionError';
  }
}

/**
 * The control mode: RUNNING, PAUSED (no new entries), REDUCING (only exposure-reducing orders),
 * RESUMING (after a system sleep, until the wake checks pass) or HALTED (the kill switch's
 * latch). Held in memory for a synchronous read on every order, persisted and audited on every
 * change. Leaving HALTED is only possible through rearm().
 */
export class ControlModes {
  private state: ControlState;

  constructor(
    private readonly settings: Settings,
    private readonly audit: AuditLog,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly onPersistError: (error: unknown) => void = (e) => {
      throw e;
    },
  ) {
    const mode = settings.get(CONTROL_MODE_KEY, (v) => ControlModeSchema.parse(v), 'RUNNING');
    const stored = settings.get(CONTROL_STATE_KEY, (v) => ControlStateSchema.parse(v), null);
    // The bare key is the one Engine.status() trusts; if the detail disagrees, the mode wins.
    this.state =
      stored !== null && stored.mode === mode
        ? stored
        : {
            mode,
            reason: stored === null ? 'initial' : 'restored',
            actor: 'system',
            at: clock.now(),
          };
  }

  /** Synchronous: the executor asks this on every order. */
  get mode(): ControlMode {
    return this.state.mode;
  }

  get current(): ControlState {
    return this.state;
  }

  /**
   * pause / resume / reduce. Refused in HALTED: only rearm leaves the latch. In RESUMING it
   * changes the mode the wake returns to, and trading stays blocked until the checks pass.
   */
  set(to: SettableMode, actor: string, reason: string): ControlState {
    if (this.state.mode === 'HALTED')
      throw new ControlTransitionError(
        `trading is HALTED (${this.state.reason}); rearm first, then ${to === 'RUNNING' ? 'resume' : to.toLowerCase()}`,
      );
    if (this.state.mode === 'RESUMING')
      return this.apply('RESUMING', actor, `${this.state.reason}; then ${to}: ${reason}`, to);
    return this.apply(to, actor, reason);
  }

  /**
   * After a system sleep (or as one begins): blocks new orders until leaveResuming(). The mode
   * in force is remembered and comes back afterwards. HALTED stays HALTED (returns null);
   * RESUMING again keeps the mode it will return to.
   */
  enterResuming(actor: string, reason: string): ControlState | null {
    const mode = this.state.mode;
    if (mode === 'HALTED') return null;
    const resumeTo = mode === 'RESUMING' ? (this.state.resumeTo ?? 'PAUSED') : mode;
    return this.apply('RESUMING', actor, reason, resumeTo);
  }

  /** The wake checks passed: back to the mode from before (null when no longer RESUMING). */
  leaveResuming(actor: string, reason: string): ControlState | null {
    if (this.state.mode !== 'RESUMING') return null;
    // A RESUMING state without its target (hand-edited database) returns to the safest mode
    // that still manages exits, never to RUNNING.
    return this.apply(this.state.resumeTo ?? 'PAUSED', actor, reason);
  }

  /**
   * The kill switch's latch. Synchronous from start to end (one SQLite write, one audit row,
   * no await), so no order can slip in between the trigger and the latch.
   */
  latchHalted(actor: string, reason: string): ControlState {
    const next: ControlState = { mode: 'HALTED', reason, actor, at: this.clock.now() };
    const from = this.state.mode;
    // Memory first: even if the disk write below fails, no order passes from this line on.
    this.state = next;
    try {
      this.persist(from, next);
    } catch (error) {
      this.onPersistError(error);
    }
    return next;
  }

  /** Leaves HALTED; the kill switch checks the venues before calling this. */
  rearm(actor: string, reason: string): ControlState {
    if (this.state.mode !== 'HALTED')
      throw new ControlTransitionError(`nothing to rearm: control mode is ${this.state.mode}`);
    return this.apply('RUNNING', actor, reason);
  }

  private apply(
    to: ControlMode,
    actor: string,
    reason: string,
    resumeTo?: SettableMode,
  ): ControlState {
    const from = this.state.mode;
    const next: ControlState = {
      mode: to,
      reason,
      actor,
      at: this.clock.now(),
      ...(resumeTo !== undefined ? { resumeTo } : {}),
    };
    const previous = this.state;
    this.state = next;
    try {
      this.persist(from, next);
    } catch (error) {
      this.state = previous;
      throw error;
    }
    return next;
  }

  private persist(from: ControlMode, next: ControlState): void {
    this.settings.set(CONTROL_MODE_KEY, next.mode);
    this.settings.set(CONTROL_STATE_KEY, next);
    this.audit.append({
      kind: 'control.mode_changed',
      actor: next.actor,
      payload: {
        from,
        to: next.mode,
        reason: next.reason,
        ...(next.resumeTo !== undefined ? { resumeTo: next.resumeTo } : {}),
      },
    });
    this.events.publish('controlModeChanged', next);
  }
}
