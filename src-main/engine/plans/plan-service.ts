import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type { JournalPlan } from '../../../src-shared/contract/journal';
import type { PlanRequest, TradePlan } from '../../../src-shared/contract/plans';
import type { OrderRequestInput, OrderView } from '../../../src-shared/domain/order';
import { FINAL_ORDER_STATES } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import { journalPlanOf } from './journal-plan';
import { proposePlan, type PlanProposerDeps } from './plan-proposer';
import type { PlanSource, PlanStore } from './plan-store';
import { planIntents } from './plan-intents';

export interface PlanServiceDeps extends PlanProposerDeps {
  readonly store: PlanStore;
  readonly audit: AuditLog;
  /** The executor's place: the gate, the write-ahead intent, the venue. */
  readonly place: (request: OrderRequestInput, actor: string) => Promise<OrderView>;
  readonly cancel: (clientOrderId: string, actor: string, reason: string) => Promise<OrderView>;
}

/** The request key of a plan's entry order: the journal finds a trade's plan by it. */
export function planRequestKey(planId: string, leg: number): string {
  return `plan:${planId}:${leg}`;
}

/**
 * Trade plans: proposed from a signal (recorded, audited), then sent as brackets through the
 * executor — one entry with its one-cancels-other stop and target per target, each entry
 * carrying the plan id in its request key.
 */
export class PlanService {
  constructor(private readonly deps: PlanServiceDeps) {}

  async propose(request: PlanRequest, actor: string, source: PlanSource): Promise<TradePlan> {
    const plan = await proposePlan(this.deps, request, this.deps.store.nextId(), actor);
    this.deps.store.transaction(() => {
      this.deps.store.insert(plan, source, source === 'shadow' ? 'shadow' : 'proposed');
      this.deps.audit.append({
        kind: source === 'shadow' ? 'plan.shadow' : 'plan.proposed',
        actor,
        payload: {
          planId: plan.planId,
          bookId: plan.bookId,
          symbol: plan.symbol,
          timeframe: plan.timeframe,
          side: plan.side,
          entry: plan.entry,
          stop: plan.stop,
          targets: plan.targets,
          qty: plan.qty,
          risk: plan.risk,
          riskPct: plan.riskPct,
          refusal: plan.refusal,
        },
      });
    });
    return plan;
  }

  get(planId: string): TradePlan | null {
    return this.deps.store.get(planId)?.plan ?? null;
  }

  /** What a SHADOW plan would have done, kept with it. */
  recordOutcome(planId: string, outcome: unknown): void {
    this.deps.store.setOutcome(planId, outcome);
  }

  /** The plan an entry order was sent for: the journal's seam to a trade's initial risk. */
  forEntry(clientOrderId: string): TradePlan | null {
    return this.deps.store.forEntry(clientOrderId)?.plan ?? null;
  }

  /** The plan an entry order was sent for, as the journal keeps it: as planned, and its stop moves. */
  journalPlanFor(clientOrderId: string): JournalPlan | null {
    const stored = this.deps.store.forEntry(clientOrderId);
    if (stored === null) return null;
    return journalPlanOf(stored, this.deps.store.stopMoves(stored.plan.planId));
  }

  /**
   * Sends a proposed plan: each target's entry through the executor (which asks the gate
   * again, at this instant). If one entry is refused, the entries sent before it that have
   * not filled are canceled: a plan goes out whole or not at all, as far as the venue allows.
   */
  async send(planId: string, actor: string): Promise<{ plan: TradePlan; entries: OrderView[] }> {
    const stored = this.deps.store.get(planId);
    if (stored === null) throw new RefusedError(`no plan ${planId}`);
    const { plan } = stored;
    if (stored.status !== 'proposed')
      throw new RefusedError(`plan ${planId} is ${stored.status}; propose a new one`);
    if (plan.bookId !== this.deps.bookId())
      throw new RefusedError(`plan ${planId} was made for book ${plan.bookId}`);
    if (plan.refusal !== null)
      throw new RefusedError(`plan ${planId} cannot be sent: ${plan.refusal}`);
    this.deps.store.setStatus(planId, 'sent');
    const entries: OrderView[] = [];
    for (const [i, intent] of planIntents(plan).entries()) {
      const order = await this.deps.place(
        { ...intent, requestKey: planRequestKey(planId, i + 1) },
        actor,
      );
      this.deps.store.linkEntry(planId, order.clientOrderId, i + 1);
      entries.push(order);
      if (order.state === 'REJECTED') {
        await this.unwind(entries, actor, `leg ${i + 1} refused: ${order.reason ?? ''}`);
        break;
      }
    }
    this.deps.audit.append({
      kind: 'plan.sent',
      actor,
      payload: {
        planId,
        entries: entries.map((e) => ({ clientOrderId: e.clientOrderId, state: e.state })),
      },
    });
    return { plan, entries };
  }

  private async unwind(entries: readonly OrderView[], actor: string, why: string): Promise<void> {
    for (const e of entries) {
      if (FINAL_ORDER_STATES.has(e.state)) continue;
      await this.deps.cancel(e.clientOrderId, actor, `plan unwound: ${why}`);
    }
  }
}
