import { RefusedError } from '../../../src-shared/contract/command-refusal';
import { randomUUID } from 'node:crypto';
import {
  KillStateSchema,
  type ControlState,
  type KillProgress,
  type KillState,
  type UnknownOrderOutcome,
} from '../../../src-shared/contract/risk';
import type { AuditEvent } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { ControlModes } from '../control/control-modes';
import type { Durability } from '../control/durability';
import type { EventBus } from '../event-bus';
import type { Settings } from '../settings';
import type { KillVenue, LateOrder } from './kill-venue';
import { chaseVenue, sweepVenue, type SweepReport } from './kill-sweep';
import { backoffMs, type Sleep } from './sleeper';
import { completionMessage, retryMessage, sweepMessage } from './kill-messages';
import { mergeOutcomes, unresolvedOf, unresolvedOn } from './unknown-outcomes';
import { rearmCheck } from './rearm-checks';

export const KILL_STATE_KEY = 'kill_state';

/** The longest wait between passes while an order of unknown outcome is being chased. */
export const UNKNOWN_OUTCOME_MAX_WAIT_MS = 1000;

export interface KillSwitchDeps {
  readonly control: ControlModes;
  readonly settings: Settings;
  readonly events: EventBus;
  readonly clock: Clock;
  /** Every venue with orders or positions; asked at each pass, so a late-added venue is swept. */
  readonly venues: () => readonly KillVenue[];
  readonly sleep: Sleep;
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  readonly newId?: () => string;
  /** Every write of the kill path goes through here: a failure is reported and retried. */
  readonly durability: Durability;
  /** The database file, for messages. */
  readonly databasePath: string;
}

export interface KillTrigger {
  readonly actor: string;
  readonly reason: string;
  readonly flatten: boolean;
}

export interface KillHandle {
  readonly killId: string;
  readonly latchedAt: number;
  readonly flatten: boolean;
  /** HALTED is on disk (latch file or database): a restart comes back HALTED. */
  readonly durable: boolean;
  /** The database holds the kill: control state, kill state, every audit row. */
  readonly recorded: boolean;
  /** What could not be written, one line each. */
  readonly problems: readonly string[];
  /** Settles when every venue shows no open orders (and flat, when flattening). */
  readonly done: Promise<KillState>;
}

/** Rearm refused: the venues still show open orders, or could not be asked. */
export class RearmRefusedError extends RefusedError {
  constructor(message: string) {
    super(message);
    this.name = 'RearmRefusedError';
  }
}

/**
 * The kill switch. trigger() latches HALTED synchronously — before its first await — then
 * cancels every open order on every venue concurrently, optionally flattens, and reconciles
 * with backoff until the venues are clean. The kill state is persisted at every phase so a
 * restart in HALTED finishes what was left unfinished (resumeIfUnfinished); when the database
 * could not take it (a full disk), the kill latch file names the kill and the restart sweeps
 * again. No write failure stops the kill, and none is swallowed: each is in the handle and in
 * every status until a retry succeeds.
 */
export class KillSwitch {
  private state: KillState | null;
  private running: Promise<KillState> | null = null;
  private triggers = 0;
  private stopped = false;
  private restoredFromLatch = false;

  constructor(private readonly deps: KillSwitchDeps) {
    this.state = deps.settings.get(KILL_STATE_KEY, (v) => KillStateSchema.parse(v), null);
    const latched = deps.control.latchedKill;
    if (latched !== null && this.state?.killId !== latched.killId) {
      // The latch file knows a kill the database never recorded: finish it on this start.
      this.state = {
        killId: latched.killId,
        actor: latched.actor,
        reason: latched.reason,
        flatten: latched.flatten,
        phase: 'cancelling',
        startedAt: latched.at,
        finishedAt: null,
        attempts: 0,
      };
      this.restoredFromLatch = true;
    }
  }

  get current(): KillState | null {
    return this.state;
  }

  get inProgress(): boolean {
    return this.running !== null;
  }

  /** The kill in progress (settles when the venues are clean); null when none runs. */
  get runningKill(): Promise<KillState> | null {
    return this.running;
  }

  trigger(t: KillTrigger): KillHandle {
    const running = this.running;
    const state = this.state;
    const joining = running !== null && state !== null;
    const killId = joining ? state.killId : (this.deps.newId ?? randomUUID)();
    const flatten = t.flatten || (joining && state.flatten);
    // (1) The latch: memory, the latch file, the database. Synchronous up to `this.start`.
    const latched = this.deps.control.latchHalted(t.actor, t.reason, { killId, flatten });
    this.triggers += 1;
    if (joining) {
      // A second trigger joins the running kill; asking to flatten upgrades it, and a kill
      // reopened for late orders only sweeps everything again.
      if ((t.flatten && !state.flatten) || state.lateOrdersOnly === true) {
        const { lateOrdersOnly: _reopened, ...rest } = state;
        this.save({ ...rest, flatten: flatten });
      }
      this.record({
        kind: 'kill.triggered',
        actor: t.actor,
        payload: { killId, reason: t.reason, flatten: t.flatten, joined: true },
      });
      return this.handle(killId, latched.at, flatten, running);
    }
    const next: KillState = {
      killId,
      actor: t.actor,
      reason: t.reason,
      flatten: t.flatten,
      phase: 'cancelling',
      startedAt: latched.at,
      finishedAt: null,
      attempts: 0,
    };
    this.save(next);
    this.record({
      kind: 'kill.triggered',
      actor: t.actor,
      payload: { killId, reason: t.reason, flatten: t.flatten, latchedAt: latched.at },
    });
    this.progress({ step: 'latched', venue: null, message: `HALTED: ${t.reason}` });
    return this.handle(killId, latched.at, t.flatten, this.start());
  }

  private handle(
    killId: string,
    latchedAt: number,
    flatten: boolean,
    done: Promise<KillState>,
  ): KillHandle {
    const durability = this.deps.durability.status();
    return {
      killId,
      latchedAt,
      flatten,
      done,
      durable: durability.latchDurable,
      recorded:
        durability.pendingAuditRows === 0 &&
        durability.problems.every((p) => p.topic === 'latch-file'),
      problems: durability.problems.map((p) => p.message),
    };
  }

  /**
   * An order the venue took in after it was recorded as never placed (its placement answer was
   * lost, and the grace ended first). While HALTED nothing of ours may work at a venue: the kill
   * takes it as an order of unknown outcome again — its line in the kill's report says it
   * arrived late — and, when it is done, reopens (audited `kill.reopened`) to chase it: cancelled
   * when resting, its fills booked (and sold, when the kill flattens). The reopened kill touches
   * no other order (see KillState.lateOrdersOnly). Outside HALTED the executor's correction is
   * all: the order is in the book as the venue shows it, and `order.late_arrival` says so.
   */
  lateOrderArrived(venue: string, order: LateOrder): void {
    if (this.deps.control.mode !== 'HALTED') return;
    const detail = `${order.words}: recorded as never placed, then it arrived at ${venue} late: cancelling it`;
    const state = this.state;
    if (state === null) {
      // HALTED with no kill recorded (none before this version kept one): a kill of its own.
      this.trigger({
        actor: 'system:kill',
        reason: `late order at ${venue}: ${detail}`,
        flatten: false,
      });
      return;
    }
    const outcome: UnknownOrderOutcome = {
      venue,
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      qty: order.qty,
      outcome: 'unresolved',
      detail,
    };
    const reopen = this.running === null;
    this.save({
      ...state,
      unknownOutcomes: mergeOutcomes(state.unknownOutcomes ?? [], [outcome]),
      ...(reopen ? { phase: 'cancelling', finishedAt: null, lateOrdersOnly: true } : {}),
    });
    this.record({
      kind: 'kill.reopened',
      actor: 'system:kill',
      payload: {
        killId: state.killId,
        venue,
        clientOrderId: order.clientOrderId,
        detail,
        reopened: reopen,
      },
    });
    this.progress({ step: 'retry', venue, message: `${venue} ${detail}` });
    if (!reopen) return; // the running kill's next pass chases it
    this.publishState();
    // A microtask later: this runs inside the executor's correction of the order.
    this.start(true);
  }

  /** On startup in HALTED: finish an interrupted cancel/flatten. Null when there is nothing to do. */
  resumeIfUnfinished(): Promise<KillState> | null {
    const state = this.state;
    if (state === null || state.phase === 'done' || this.running !== null) return null;
    if (this.deps.control.mode !== 'HALTED') {
      // The kill state says unfinished but the mode is not HALTED: never trade on that; latch.
      this.deps.control.latchHalted('system:restart', `unfinished kill ${state.killId}`, {
        killId: state.killId,
        flatten: state.flatten,
      });
    }
    this.record({
      kind: 'kill.resumed',
      actor: 'system:restart',
      payload: {
        killId: state.killId,
        phase: state.phase,
        flatten: state.flatten,
        // The database never recorded this kill; the latch file did.
        ...(this.restoredFromLatch ? { restoredFrom: 'kill latch file' } : {}),
      },
    });
    return this.start();
  }

  /**
   * Leaves HALTED. Refused while a kill is still running, while any venue shows an open order,
   * has one on its way or one of unknown outcome (see rearmCheck), or when a venue cannot be
   * asked; audited either way.
   */
  async rearm(actor: string, reason: string): Promise<ControlState> {
    const refuse = (why: string): never => {
      this.record({ kind: 'kill.rearm_refused', actor, payload: { reason: why } });
      throw new RearmRefusedError(why);
    };
    if (this.deps.control.mode !== 'HALTED') refuse(`not HALTED (${this.deps.control.mode})`);
    if (this.running !== null) refuse('the kill is still cancelling/flattening');
    const triggersBefore = this.triggers;
    const check = await rearmCheck(this.deps.venues());
    // A kill that fired while we were asking the venues wins over this rearm.
    if (this.triggers !== triggersBefore || this.running !== null)
      refuse('a new kill was triggered during rearm');
    if (check.refusal !== null) refuse(check.refusal);
    const state = this.deps.control.rearm(actor, reason);
    this.record({ kind: 'kill.rearmed', actor, payload: { reason, openOrders: check.openOrders } });
    return state;
  }

  /** Engine shutdown: stop retrying; the persisted state lets the next start finish the job. */
  stop(): void {
    this.stopped = true;
  }

  private start(deferred = false): Promise<KillState> {
    const pass = deferred ? Promise.resolve().then(() => this.run()) : this.run();
    const run = pass.finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  private async run(): Promise<KillState> {
    const initial = this.deps.retryInitialMs ?? 250;
    const max = this.deps.retryMaxMs ?? 10_000;
    for (;;) {
      // Whatever the disk refused earlier gets another chance at every pass.
      this.deps.durability.flush();
      const state = this.mustState();
      const attempt = state.attempts + 1;
      this.save({
        ...state,
        attempts: attempt,
        phase: state.flatten ? 'flattening' : 'cancelling',
      });
      const venues = this.deps.venues();
      const prefix = `kill-${state.killId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)}-`;
      const pass = state.lateOrdersOnly === true ? chaseVenue : sweepVenue;
      const reports = await Promise.all(
        venues.map((v) =>
          pass(
            v,
            state.flatten,
            (symbol) => `${prefix}${attempt}-${symbol.replace(/[^A-Za-z0-9]/g, '')}`,
            (id) => id.startsWith(prefix),
            unresolvedOn(state.unknownOutcomes ?? [], v.name),
          ),
        ),
      );
      // The engine stopped (its database closed) during the pass: the persisted state lets the
      // next start finish the job; writing now would only fail.
      if (this.stopped) return this.mustState();
      // Each order of unknown outcome's latest fate is kept with the kill (a restart goes on).
      const chased = reports.flatMap((r) => r.unknownOutcomes);
      if (chased.length > 0) {
        const known = this.mustState().unknownOutcomes ?? [];
        this.save({ ...this.mustState(), unknownOutcomes: mergeOutcomes(known, chased) });
      }
      // Re-read: a trigger during the pass may have asked to flatten.
      const after = this.mustState();
      for (const report of reports) this.recordSweep(report, attempt);
      const allClean = reports.every((r) => r.clean && (!after.flatten || r.positions === 0));
      if (allClean) return this.finish(reports);
      if (this.stopped) return this.mustState();
      const unresolved = unresolvedOf(after.unknownOutcomes ?? []);
      // An order of unknown outcome may be taken in by the venue at any moment and then rest
      // (or fill) while HALTED: it is asked for at least every second, not at the backoff's 10 s.
      const wait = Math.min(
        backoffMs(attempt, initial, max),
        unresolved.length > 0 ? UNKNOWN_OUTCOME_MAX_WAIT_MS : Infinity,
      );
      this.save({ ...after, phase: 'reconciling' });
      this.publishState();
      this.progress({
        step: 'retry',
        venue: null,
        message: retryMessage(attempt, unresolved, wait),
        ...(unresolved.length > 0 ? { brief: retryMessage(attempt, [], wait) } : {}),
        openOrders: sum(reports.map((r) => r.openOrders)),
        positions: sum(reports.map((r) => r.positions)),
      });
      await this.deps.sleep(wait);
      if (this.stopped) return this.mustState();
    }
  }

  private recordSweep(r: SweepReport, attempt: number): void {
    this.record({
      kind: 'kill.step',
      actor: 'system:kill',
      payload: {
        killId: this.mustState().killId,
        attempt,
        venue: r.venue,
        cancelled: r.cancelled,
        cancelFailed: r.cancelFailed,
        closeSent: r.closeSent,
        closeFailed: r.closeFailed,
        inFlight: r.inFlight,
        openOrders: r.openOrders ?? -1,
        positions: r.positions ?? -1,
        errors: [...r.errors],
        ...(r.unknownOutcomes.length > 0 ? { unknownOutcomes: [...r.unknownOutcomes] } : {}),
      },
    });
    this.progress({
      step: r.errors.length > 0 ? 'error' : 'reconcile',
      venue: r.venue,
      openOrders: r.openOrders,
      positions: r.positions,
      message: sweepMessage(r, this.mustState().flatten),
      ...(r.unknownOutcomes.length > 0
        ? { brief: sweepMessage({ ...r, unknownOutcomes: [] }, this.mustState().flatten) }
        : {}),
    });
  }

  private finish(reports: readonly SweepReport[]): KillState {
    const done: KillState = {
      ...this.mustState(),
      phase: 'done',
      finishedAt: this.deps.clock.now(),
    };
    this.save(done);
    this.publishState();
    const openOrders = sum(reports.map((r) => r.openOrders)) ?? 0;
    const positions = sum(reports.map((r) => r.positions)) ?? 0;
    this.record({
      kind: 'kill.completed',
      actor: 'system:kill',
      payload: {
        killId: done.killId,
        attempts: done.attempts,
        flatten: done.flatten,
        openOrders,
        positions,
        elapsedMs: done.finishedAt !== null ? done.finishedAt - done.startedAt : 0,
        controlMode: this.deps.control.mode,
        ...(done.unknownOutcomes === undefined ? {} : { unknownOutcomes: done.unknownOutcomes }),
      },
    });
    this.progress({
      step: 'done',
      venue: null,
      openOrders,
      positions,
      done: true,
      message: completionMessage(done, openOrders, positions),
    });
    return done;
  }

  /** Audit on the kill path never throws: a refused row is kept and written once it can be. */
  private record(event: AuditEvent): void {
    this.deps.durability.audit(event);
  }

  /** The checkpoint; when the database refuses it, the latest state is retried until it lands. */
  private save(state: KillState): void {
    this.state = state;
    this.deps.durability.attempt('kill-record', this.deps.databasePath, () =>
      this.deps.settings.set(KILL_STATE_KEY, this.mustState()),
    );
  }

  /**
   * Each pass's state to every window (once a pass, after its outcomes are merged; and once at
   * completion): the panel reads what the kill chases from it while the kill runs.
   */
  private publishState(): void {
    this.deps.events.publish('killStateChanged', this.mustState());
  }

  private mustState(): KillState {
    if (this.state === null) throw new Error('kill switch: no kill state (bug)');
    return this.state;
  }

  private progress(
    p: Partial<KillProgress> & Pick<KillProgress, 'step' | 'message' | 'venue'>,
  ): void {
    const state = this.mustState();
    this.deps.events.publish('killProgress', {
      killId: state.killId,
      attempt: state.attempts,
      openOrders: null,
      positions: null,
      done: false,
      ...p,
    });
  }
}

function sum(values: ReadonlyArray<number | null>): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}
