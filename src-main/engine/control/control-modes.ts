import { RefusedError } from '../../../src-shared/contract/command-refusal';
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
import type { DurableLatch, LatchRecord } from '../kill/kill-latch-file';
import { asStorageError } from '../store/storage-failure';
import type { Durability } from './durability';

/** The bare mode string (kept for older databases; status reads the live state). */
export const CONTROL_MODE_KEY = 'control_mode';
/** The mode with who/why/when, for `vigil status` and the UI. */
export const CONTROL_STATE_KEY = 'control_state';

/** A transition the current mode does not allow (e.g. `resume` while HALTED). */
export class ControlTransitionError extends RefusedError {
  constructor(message: string) {
    super(message);
    this.name = 'ControlTransitionError';
  }
}

export interface ControlModesDeps {
  readonly settings: Settings;
  readonly audit: AuditLog;
  readonly events: EventBus;
  readonly clock: Clock;
  /** Watches every write of this path; a failed one is reported and retried, never thrown. */
  readonly durability: Durability;
  /** The kill latch file: HALTED reaches the disk even when the database cannot. */
  readonly latch?: DurableLatch;
  /** The database file, for messages. */
  readonly databasePath: string;
  /** Runs the database record of a change (mode, detail, audit row) as one transaction. */
  readonly atomically?: <T>(fn: () => T) => T;
}

/** The kill that latched HALTED, as the latch file recorded it (for a restart to finish it). */
export interface LatchedKill {
  readonly killId: string;
  readonly actor: string;
  readonly reason: string;
  readonly flatten: boolean;
  readonly at: number;
}

/**
 * The control mode: RUNNING, PAUSED (no new entries), REDUCING (only exposure-reducing orders),
 * RESUMING (after a system sleep, until the wake checks pass) or HALTED (the kill switch's
 * latch). Held in memory for a synchronous read on every order,
 * persisted and audited on every change. Leaving HALTED is only possible through rearm().
 * HALTED is written twice: to the kill latch file (in place, synced: it survives a full disk)
 * and to the database; at start HALTED in either one wins.
 */
export class ControlModes {
  private state: ControlState;
  private readonly settings: Settings;
  private readonly events: EventBus;
  private readonly clock: Clock;
  private readonly durability: Durability;
  /** What the latch file said at start about a kill, when it said HALTED. */
  readonly latchedKill: LatchedKill | null;

  constructor(private readonly deps: ControlModesDeps) {
    const { settings, clock } = deps;
    this.settings = settings;
    this.events = deps.events;
    this.clock = clock;
    this.durability = deps.durability;
    const mode = settings.get(CONTROL_MODE_KEY, (v) => ControlModeSchema.parse(v), 'RUNNING');
    const stored = settings.get(CONTROL_STATE_KEY, (v) => ControlStateSchema.parse(v), null);
    // The bare key is the one older Vigils trusted; if the detail disagrees, the mode wins.
    this.state =
      stored !== null && stored.mode === mode
        ? stored
        : {
            mode,
            reason: stored === null ? 'initial' : 'restored',
            actor: 'system',
            at: clock.now(),
          };
    this.latchedKill = this.reconcileWithLatch();
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
   * The kill switch's latch. Synchronous from start to end (no await), so no order can slip in
   * between the trigger and the latch; it never throws. Memory first, then the latch file
   * (synced), then the database; a write that fails is reported and retried (Durability).
   */
  latchHalted(
    actor: string,
    reason: string,
    kill: { readonly killId: string | null; readonly flatten: boolean } = {
      killId: null,
      flatten: false,
    },
  ): ControlState {
    const next: ControlState = { mode: 'HALTED', reason, actor, at: this.clock.now() };
    const from = this.state.mode;
    // Memory first: even if every write below fails, no order passes from this line on.
    this.state = next;
    const onFile = this.writeLatch({ halted: true, at: next.at, actor, reason, ...kill });
    const inDatabase = this.durability.attempt('control-record', this.deps.databasePath, () =>
      this.persist(from, next),
    );
    this.durability.setLatchDurable(onFile || inDatabase);
    this.events.publish('controlModeChanged', next);
    return next;
  }

  /** True when a latch file exists and took the record. */
  private writeLatch(record: LatchRecord): boolean {
    const latch = this.deps.latch;
    if (latch === undefined) return false;
    return this.durability.attempt('latch-file', latch.path, () => latch.write(record));
  }

  /**
   * At start: HALTED in either the database or the latch file wins. A latch the database
   * never recorded (a full disk) restores HALTED with its who and why; a damaged latch file
   * halts too, since it cannot say that no kill happened.
   */
  private reconcileWithLatch(): LatchedKill | null {
    const latch = this.deps.latch;
    if (latch === undefined) return null;
    const found = latch.read();
    if (found.kind === 'damaged') {
      this.durability.report('latch-file', new Error(found.why), latch.path);
      if (this.state.mode !== 'HALTED')
        this.restoreHalted({
          halted: true,
          at: this.clock.now(),
          actor: 'system:restart',
          reason: `the kill latch file is damaged (${found.why}); halted to be safe`,
          killId: null,
          flatten: false,
        });
      return null;
    }
    if (found.kind === 'record' && found.record.halted) {
      if (this.state.mode !== 'HALTED') this.restoreHalted(found.record);
      const { killId, actor, reason, flatten, at } = found.record;
      return killId === null ? null : { killId, actor, reason, flatten, at };
    }
    // Armed or new: the file follows the database (HALTED there is written to the file).
    const s = this.state;
    this.writeLatch({
      halted: s.mode === 'HALTED',
      at: s.at,
      actor: s.actor,
      reason: s.reason,
      killId: null,
      flatten: false,
    });
    return null;
  }

  private restoreHalted(record: LatchRecord): void {
    const from = this.state.mode;
    const next: ControlState = {
      mode: 'HALTED',
      reason: record.reason,
      actor: record.actor,
      at: record.at,
    };
    this.state = next;
    if (record.killId === null) this.writeLatch(record);
    this.durability.attempt('control-record', this.deps.databasePath, () =>
      this.persist(from, next),
    );
  }

  /**
   * Leaves HALTED; the kill switch checks the venues before calling this. The latch file is
   * armed first and re-latched if the database then refuses, so a failed rearm stays HALTED
   * on disk too.
   */
  rearm(actor: string, reason: string): ControlState {
    if (this.state.mode !== 'HALTED')
      throw new ControlTransitionError(`nothing to rearm: control mode is ${this.state.mode}`);
    const halted = this.state;
    this.requireRecorded();
    this.writeLatchOrThrow({
      halted: false,
      at: this.clock.now(),
      actor,
      reason,
      killId: null,
      flatten: false,
    });
    try {
      return this.apply('RUNNING', actor, reason);
    } catch (error) {
      this.writeLatch({
        halted: true,
        at: halted.at,
        actor: halted.actor,
        reason: halted.reason,
        killId: null,
        flatten: false,
      });
      throw error;
    }
  }

  private apply(
    to: ControlMode,
    actor: string,
    reason: string,
    resumeTo?: SettableMode,
  ): ControlState {
    this.requireRecorded();
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
      throw asStorageError(error, this.deps.databasePath) ?? error;
    }
    this.durability.setLatchDurable(true);
    this.events.publish('controlModeChanged', next);
    return next;
  }

  /**
   * A change must not overtake a record still waiting for the disk (a retried HALTED written
   * after a rearm would halt the next start): those go first, or the change is refused.
   */
  private requireRecorded(): void {
    this.durability.flush();
    if (!this.durability.pending) return;
    const why = this.durability
      .status()
      .problems.map((p) => p.message)
      .join('; ');
    throw new ControlTransitionError(
      `the database has not recorded the last kill yet (${why}); free the disk and try again`,
    );
  }

  private writeLatchOrThrow(record: LatchRecord): void {
    const latch = this.deps.latch;
    if (latch === undefined) return;
    try {
      latch.write(record);
    } catch (error) {
      throw asStorageError(error, latch.path) ?? error;
    }
  }

  /** The database record of a change: mode, its detail and the audit row, in one transaction. */
  private persist(from: ControlMode, next: ControlState): void {
    const atomically = this.deps.atomically ?? ((fn) => fn());
    atomically(() => {
      this.settings.set(CONTROL_MODE_KEY, next.mode);
      this.settings.set(CONTROL_STATE_KEY, next);
      this.deps.audit.append({
        kind: 'control.mode_changed',
        actor: next.actor,
        payload: {
          from,
          to: next.mode,
          reason: next.reason,
          ...(next.resumeTo !== undefined ? { resumeTo: next.resumeTo } : {}),
        },
      });
    });
  }
}
