import type { EventEnvelope } from '../../../src-shared/contract/events';
import type { TradePlan } from '../../../src-shared/contract/plans';
import { scaledFromNumber } from '../../../src-shared/domain/decimal';
import type { BarClosed } from '../../../src-shared/domain/market';
import { FINAL_ORDER_STATES, type BookId, type FillView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { MarketSpec } from '../execution/broker';
import type { Executor } from '../execution/executor';
import { MarketRules } from '../execution/market-rules';
import { qtyOf, qtyText } from '../ledger/money';
import type { PlanStore } from './plan-store';

export const STOP_MANAGER_ACTOR = 'system:stop-manager';

export interface StopManagerDeps {
  readonly store: Pick<
    PlanStore,
    'forEntry' | 'entriesOf' | 'trailing' | 'addStopMove' | 'transaction'
  >;
  readonly executorFor: (bookId: BookId) => Executor | undefined;
  /** Every book's executor (a trail is kept on each book that has plans). */
  readonly executors: () => readonly Executor[];
  readonly markets: () => readonly MarketSpec[];
  readonly audit: AuditLog;
  /** Market time: when a move happened, as the journal shows it. */
  readonly now: () => number;
  readonly onError: (error: unknown) => void;
}

/**
 * A plan's stop management once its entries have filled: the other targets' stops move to the
 * entry price when the first target fills (break-even), and the stop trails by N x ATR on
 * every bar close of the plan's timeframe, only ever towards the price. A move is an amendment
 * of the bracket: its stop-loss and take-profit are canceled and put back as a new pair for
 * what is left, through the gate and the write-ahead intent path (protective orders, so a move
 * also goes out while HALTED), under the same entry; audited as `plan.stop_moved`.
 */
export class StopManager {
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: StopManagerDeps) {}

  /** The engine stops: events still queued are dropped, never run against a closed store. */
  stop(): void {
    this.stopped = true;
  }

  onEvent(event: EventEnvelope): void {
    if (event.kind === 'fillRecorded') this.enqueue(() => this.onFill(event.payload));
    else if (event.kind === 'barClosed') this.enqueue(() => this.onBar(event.payload));
  }

  /** Resolves when every move started so far is done. */
  idle(): Promise<void> {
    return this.queue;
  }

  private enqueue(work: () => Promise<void>): void {
    if (this.stopped) return;
    this.queue = this.queue
      .then(() => (this.stopped ? undefined : work()))
      .catch(this.deps.onError);
  }

  private async onFill(fill: FillView): Promise<void> {
    const executor = this.deps.executorFor(fill.bookId);
    const row = executor?.orders.byClientId(fill.clientOrderId);
    if (executor === undefined || row === undefined) return;
    if (row.bracket_role !== 'take-profit' || row.parent_client_order_id === null) return;
    const plan = this.deps.store.forEntry(row.parent_client_order_id)?.plan;
    if (plan === undefined || !plan.management.breakEven) return;
    const entries = this.deps.store.entriesOf(plan.planId);
    // The first target is the first entry's take-profit.
    if (entries[0] !== row.parent_client_order_id) return;
    for (const entry of entries.slice(1))
      await this.move(executor, plan, entry, Number(plan.entry), 'break-even after target 1');
  }

  private async onBar(bar: BarClosed): Promise<void> {
    for (const executor of this.deps.executors()) {
      for (const { plan } of this.deps.store.trailing(executor.bookId)) {
        const n = plan.management.trailAtr;
        if (n === null || plan.symbol !== bar.symbol || plan.timeframe !== bar.timeframe) continue;
        const dir = plan.side === 'buy' ? 1 : -1;
        const stop = bar.candle.close - dir * n * plan.management.atr;
        for (const entry of this.deps.store.entriesOf(plan.planId))
          await this.move(
            executor,
            plan,
            entry,
            stop,
            `trail ${n} x ATR from close ${bar.candle.close}`,
          );
      }
    }
  }

  /**
   * Moves one entry's stop to `target` when that tightens it; a no-op otherwise. An entry that
   * filled in parts has one exit pair per part: all of them are replaced by one pair for what
   * they still cover together.
   */
  private async move(
    executor: Executor,
    plan: TradePlan,
    entryId: string,
    target: number,
    why: string,
  ): Promise<void> {
    const exits = executor.orders.children(entryId).filter((o) => !FINAL_ORDER_STATES.has(o.state));
    const stops = exits.filter((o) => o.bracket_role === 'stop-loss' && o.stop_price !== null);
    const takes = exits.filter((o) => o.bracket_role === 'take-profit' && o.price !== null);
    const stop = stops[0];
    const take = takes[0];
    if (stop === undefined || take === undefined || stop.stop_price === null || take.price === null)
      return;
    const market = this.deps.markets().find((m) => m.symbol === plan.symbol);
    if (market === undefined) return;
    const rules = new MarketRules(market);
    const buy = plan.side === 'buy';
    const current = Number(stop.stop_price);
    // On the tick grid, rounded away from the price: never tighter than asked.
    const ticks = rules.roundToTick(
      scaledFromNumber(target, rules.priceScale, buy ? 'floor' : 'ceil', 'stop'),
      buy ? 'down' : 'up',
    );
    const next = rules.priceText(ticks);
    if (buy ? Number(next) <= current : Number(next) >= current) return;
    let left = 0n;
    for (const s of stops) left += qtyOf(s.qty, 'stop qty') - qtyOf(s.filled_qty, 'stop filled');
    const reason = `stop moved to ${next}: ${why}`;
    // Targets first: the stops keep protecting until the last moment.
    for (const o of [...takes, ...stops])
      await executor.cancel(o.client_order_id, STOP_MANAGER_ACTOR, reason);
    const replaced = [...stops, ...takes].map((o) => o.client_order_id);
    const placed = await executor.placeExitPair(
      {
        symbol: plan.symbol,
        side: stop.side,
        qty: qtyText(left),
        stopPrice: next,
        takeProfit: take.price,
        parentClientOrderId: entryId,
      },
      STOP_MANAGER_ACTOR,
    );
    const move = { at: this.deps.now(), entry: entryId, from: stop.stop_price, to: next, why };
    this.deps.store.transaction(() => {
      this.deps.store.addStopMove(plan.planId, move);
      this.deps.audit.append({
        kind: 'plan.stop_moved',
        actor: STOP_MANAGER_ACTOR,
        payload: {
          planId: plan.planId,
          entry: entryId,
          from: move.from,
          to: next,
          why,
          replaced,
          placed: placed.map((o) => ({ clientOrderId: o.clientOrderId, state: o.state })),
        },
      });
    });
  }
}
