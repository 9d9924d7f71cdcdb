import { z } from 'zod';
import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type { EventEnvelope } from '../../../src-shared/contract/events';
import {
  AutopilotStatusSchema,
  type AutopilotMode,
  type AutopilotStatus,
} from '../../../src-shared/contract/plans';
import type { ScannerSignal } from '../../../src-shared/contract/scanner';
import type { ControlMode } from '../../../src-shared/domain/modes';
import type { BarClosed } from '../../../src-shared/domain/market';
import type { BookId } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { Settings } from '../settings';
import { zonedDayKey } from '../risk/zoned-day';
import type { PlanService } from './plan-service';
import { shadowOutcome, type ShadowPending } from './shadow-outcome';

/** Why the autopilot did not send a PRIME signal's plan; `plan:<rule>` is the plan's refusal rule. */
export type SkipCause =
  | 'daily-cap'
  | 'already-in-market'
  | `plan:${string}`
  | 'switched-off-meanwhile'
  | 'refused-at-send';

export const AUTOPILOT_ACTOR = 'system:autopilot';
const DEFAULT_MAX_TRADES_PER_DAY = 3;

const StoredSchema = AutopilotStatusSchema.omit({ tradesToday: true }).extend({
  /** The calendar day `trades` counts, and the count. */
  day: z.string(),
  trades: z.number().int().nonnegative(),
});
type Stored = z.infer<typeof StoredSchema>;

export interface AutopilotDeps {
  readonly settings: Settings;
  readonly audit: AuditLog;
  readonly plans: Pick<PlanService, 'propose' | 'send' | 'recordOutcome'>;
  readonly publish: (status: AutopilotStatus) => void;
  /** Market time (virtual in a replay or backtest). */
  readonly now: () => number;
  readonly timeZone: () => string;
  readonly activeBookId: () => BookId;
  readonly controlMode: () => ControlMode;
  /** True when the book holds a position or a working entry in the symbol. */
  readonly exposed: (symbol: string) => boolean;
  readonly onError: (error: unknown) => void;
}

/**
 * The autopilot of each book: off by default; ON sends the plans of PRIME signals through the
 * same gate and executor as a trader's, at most `maxTradesPerDay` a day; SHADOW records those
 * plans and what they would have done at the next bar, and sends nothing. Every switch and
 * every decision is audited; the mode survives restarts, and a kill turns it off until it is
 * switched on again on purpose.
 */
export class Autopilot {
  private readonly pending = new Map<string, ShadowPending>();
  /** One decision per signal bar: a republished signal is not traded twice. */
  private readonly seen = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: AutopilotDeps) {}

  /** The engine stops: decisions still queued are dropped, never run against a closed store. */
  stop(): void {
    this.stopped = true;
  }

  status(bookId: BookId): AutopilotStatus {
    const s = this.load(bookId);
    const today = this.day();
    const { day, trades, ...rest } = s;
    return { ...rest, tradesToday: day === today ? trades : 0 };
  }

  set(
    bookId: BookId,
    mode: AutopilotMode,
    actor: string,
    options: { reason?: string; maxTradesPerDay?: number } = {},
  ): AutopilotStatus {
    if (mode !== 'off' && this.deps.controlMode() === 'HALTED')
      throw new RefusedError(
        `autopilot ${mode} refused: trading is HALTED; re-arm trading first, then switch it on`,
      );
    const before = this.load(bookId);
    const next: Stored = {
      ...before,
      mode,
      maxTradesPerDay: options.maxTradesPerDay ?? before.maxTradesPerDay,
      actor,
      reason: options.reason ?? `switched ${mode}`,
      since: this.deps.now(),
      offByKill: false,
    };
    this.save(next, 'autopilot.mode', { from: before.mode });
    return this.status(bookId);
  }

  /** Feeds the engine's events: PRIME signals, bar closes (SHADOW outcomes), mode changes. */
  onEvent(event: EventEnvelope): void {
    if (this.stopped) return;
    if (event.kind === 'controlModeChanged' && event.payload.mode === 'HALTED')
      this.killed(event.payload.reason);
    else if (event.kind === 'signalPublished') this.onSignal(event.payload);
    else if (event.kind === 'barClosed') this.onBar(event.payload);
  }

  /** Resolves when every decision started so far has been made (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  private killed(reason: string): void {
    for (const bookId of this.books()) {
      const s = this.load(bookId);
      if (s.mode === 'off') continue;
      this.save(
        {
          ...s,
          mode: 'off',
          actor: 'system:kill',
          reason: `kill: ${reason}`,
          since: this.deps.now(),
          offByKill: true,
        },
        'autopilot.mode',
        { from: s.mode },
      );
    }
  }

  private onSignal(signal: ScannerSignal): void {
    // PRIME implies a calibrated P (the tier machine's rule); checked again here because the
    // autopilot sizes with that P as a win chance and must never trade an uncalibrated one.
    if (signal.tier !== 'PRIME' || !signal.calibrated || signal.direction === 'flat') return;
    const bookId = this.deps.activeBookId();
    if (this.load(bookId).mode === 'off') return;
    const key = `${bookId}|${signal.exchange}|${signal.symbol}|${signal.timeframe}|${signal.at}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    // One decision at a time, in signal order: the daily count and the exposure check of one
    // see the orders of the one before.
    this.queue = this.queue.then(() => this.decide(bookId, signal)).catch(this.deps.onError);
  }

  private async decide(bookId: BookId, signal: ScannerSignal): Promise<void> {
    const s = this.load(bookId);
    if (s.mode === 'off' || this.deps.activeBookId() !== bookId) return;
    const what = { symbol: signal.symbol, timeframe: signal.timeframe, at: signal.at };
    const today = this.day();
    const trades = s.day === today ? s.trades : 0;
    if (trades >= s.maxTradesPerDay)
      return this.skipped(
        what,
        'daily-cap',
        `daily cap: ${trades} of ${s.maxTradesPerDay} trades today`,
      );
    if (this.deps.exposed(signal.symbol))
      return this.skipped(
        what,
        'already-in-market',
        `already in ${signal.symbol}: no second entry`,
      );
    const shadow = s.mode === 'shadow';
    const plan = await this.deps.plans.propose(
      {
        symbol: signal.symbol,
        timeframe: signal.timeframe,
        exchange: signal.exchange,
        entryType: 'market',
      },
      AUTOPILOT_ACTOR,
      shadow ? 'shadow' : 'autopilot',
    );
    if (plan.refusal !== null)
      return this.skipped(
        { ...what, planId: plan.planId },
        `plan:${plan.refusalRule ?? 'unrecorded'}`,
        plan.refusal,
      );
    // The mode may have changed (a kill) while the plan was made: it decides, not the start.
    const now = this.load(bookId);
    if (now.mode === 'off')
      return this.skipped(
        { ...what, planId: plan.planId },
        'switched-off-meanwhile',
        'switched off meanwhile',
      );
    if (shadow) {
      this.save({ ...now, day: today, trades: trades + 1 }, null, {});
      this.pending.set(plan.planId, { plan, exchange: signal.exchange });
      return;
    }
    const { entries } = await this.deps.plans.send(plan.planId, AUTOPILOT_ACTOR);
    // Only a trade that went out counts against the day's cap; a refusal is audited as one.
    if (entries.some((e) => e.state !== 'REJECTED'))
      this.save({ ...this.load(bookId), day: today, trades: trades + 1 }, null, {});
    else
      this.skipped(
        { ...what, planId: plan.planId },
        'refused-at-send',
        `refused at send: ${entries.find((e) => e.state === 'REJECTED')?.reason ?? 'no reason given'}`,
      );
  }

  private onBar(bar: BarClosed): void {
    for (const [planId, pending] of this.pending) {
      const outcome = shadowOutcome(pending, bar);
      if (outcome === null) continue;
      this.pending.delete(planId);
      this.deps.plans.recordOutcome(planId, outcome);
      this.deps.audit.append({
        kind: 'autopilot.shadow_outcome',
        actor: AUTOPILOT_ACTOR,
        payload: { planId, ...outcome },
      });
    }
  }

  /**
   * `why` is a stable name of the cause (counts group by it: the words carry figures that
   * differ every time), `reason` says it in words with the figures.
   */
  private skipped(what: Record<string, unknown>, why: SkipCause, reason: string): void {
    this.deps.audit.append({
      kind: 'autopilot.skipped',
      actor: AUTOPILOT_ACTOR,
      payload: { ...what, why, reason },
    });
  }

  private day(): string {
    return zonedDayKey(this.deps.now(), this.deps.timeZone());
  }

  private books(): BookId[] {
    const known = this.deps.settings.get(BOOKS_KEY, (v) => z.array(z.string()).parse(v), []);
    return known as BookId[];
  }

  private load(bookId: BookId): Stored {
    return this.deps.settings.get(keyOf(bookId), (v) => StoredSchema.parse(v), {
      bookId,
      mode: 'off',
      maxTradesPerDay: DEFAULT_MAX_TRADES_PER_DAY,
      actor: 'system:default',
      reason: 'off by default',
      since: 0,
      offByKill: false,
      day: '',
      trades: 0,
    });
  }

  private save(next: Stored, auditKind: string | null, extra: Record<string, unknown>): void {
    const books = this.books();
    if (!books.includes(next.bookId)) this.deps.settings.set(BOOKS_KEY, [...books, next.bookId]);
    this.deps.settings.set(keyOf(next.bookId), next);
    if (auditKind !== null)
      this.deps.audit.append({
        kind: auditKind,
        actor: next.actor,
        payload: {
          bookId: next.bookId,
          mode: next.mode,
          maxTradesPerDay: next.maxTradesPerDay,
          reason: next.reason,
          ...extra,
        },
      });
    this.deps.publish(this.status(next.bookId));
  }
}

const BOOKS_KEY = 'autopilot_books';

function keyOf(bookId: BookId): string {
  return `autopilot:${bookId}`;
}
