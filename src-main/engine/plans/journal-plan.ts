import type { JournalPlan, PlanStopMove } from '../../../src-shared/contract/journal';
import type { StoredPlan } from './plan-store';

/** A sent plan as the journal keeps it with its trade: the figures as planned, and its stop moves. */
export function journalPlanOf(stored: StoredPlan, stopMoves: readonly PlanStopMove[]): JournalPlan {
  const { plan } = stored;
  return {
    planId: plan.planId,
    source: stored.source,
    timeframe: plan.timeframe,
    side: plan.side,
    entryType: plan.entryType,
    entry: plan.entry,
    stop: plan.stop,
    targets: plan.targets.map((t) => ({ price: t.price, qty: t.qty })),
    qty: plan.qty,
    risk: plan.risk,
    riskPct: plan.riskPct,
    rewardRisk: plan.rewardRisk,
    management: { breakEven: plan.management.breakEven, trailAtr: plan.management.trailAtr },
    stopMoves: [...stopMoves],
  };
}
