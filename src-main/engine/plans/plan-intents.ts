import type { TradePlan } from '../../../src-shared/contract/plans';
import type { OrderRequestInput } from '../../../src-shared/domain/order';

/** The orders a plan sends: one bracketed entry per target (SHADOW records them instead). */
export function planIntents(plan: TradePlan): OrderRequestInput[] {
  return plan.targets.map((t) => ({
    symbol: plan.symbol,
    side: plan.side,
    type: plan.entryType,
    qty: t.qty,
    ...(plan.entryType === 'limit' ? { price: plan.entry } : {}),
    bracket: { stopLoss: plan.stop, takeProfit: t.price },
  }));
}
