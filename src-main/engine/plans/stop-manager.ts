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
  readonly store: Pick<PlanStore, 'forEntry' | 'entriesOf' | 'trailing'>;
  readonly executorFor: (bookId: BookId) => Executor | undefined;
  /** Every book's executor (a trail is kept on each book that has plans). */
  readonly executors: () => readonly Executor[];
  readonly markets: () => readonly MarketSpec[];
  readonly audit: AuditLog;
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

  /** Moves one entry's stop to `target` when that tightens it; a no-op otherwise. */
  private async move(
    executor: Executor,
    plan: TradePlan,
    entryId: string,
    target: number,
    why: string,
  ): Promise<void> {
    const exits = executor.orders.children(entryId).filter((o) => !FINAL_ORDER_STATES.has(o.state));
    const stop = exits.find((o) => o.bracket_role === 'stop-loss' && o.stop_price !== null);
    const take = exits.find((o) => o.bracket_role === 'take-profit' && o.price !== null);
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
    const qty = qtyText(qtyOf(stop.qty, 'stop qty') - qtyOf(stop.filled_qty, 'stop filled'));
    const reason = `stop moved to ${next}: ${why}`;
    await executor.cancel(take.client_order_id, STOP_MANAGER_ACTOR, reason);
    await executor.cancel(stop.client_order_id, STOP_MANAGER_ACTOR, reason);
    const placed = await executor.placeExitPair(
      {
        symbol: plan.symbol,
        side: stop.side,
        qty,
        stopPrice: next,
        takeProfit: take.price,
        parentClientOrderId: entryId,
      },
      STOP_MANAGER_ACTOR,
    );
    this.deps.audit.append({
      kind: 'plan.stop_moved',
      actor: STOP_MANAGER_ACTOR,
      payload: {
        planId: plan.planId,
        entry: entryId,
        from: stop.stop_price,
        to: next,
        why,
        replaced: [stop.client_order_id, take.client_order_id],
        placed: placed.map((o) => ({ clientOrderId: o.clientOrderId, state: o.state })),
      },
    });
  }
}
