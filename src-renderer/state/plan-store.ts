import { create } from 'zustand';
import type { PlanRequestInput, TradePlan } from '../../src-shared/contract/plans';
import type { OrderView } from '../../src-shared/domain/order';

interface PlanState {
  /** What the plan was asked for (the selected signal, the trader's dragged stop). */
  request: PlanRequestInput | null;
  /** The engine's proposal: levels, size, risk figures and the gate's verdicts. */
  plan: TradePlan | null;
  /** The entries the plan became once sent. */
  sent: readonly OrderView[] | null;
  busy: boolean;
  error: string | null;
  /** A stop being dragged on the chart, before the engine has re-planned it. */
  draftStop: number | null;
  start(request: PlanRequestInput): void;
  proposed(plan: TradePlan): void;
  failed(error: string): void;
  sentAs(entries: readonly OrderView[]): void;
  setDraftStop(price: number | null): void;
  drop(): void;
}

/** The trade plan on screen: one at a time, from the selected signal, until sent or dropped. */
export const usePlanStore = create<PlanState>()((set) => ({
  request: null,
  plan: null,
  sent: null,
  busy: false,
  error: null,
  draftStop: null,
  start: (request) => set({ request, busy: true, error: null, sent: null }),
  proposed: (plan) => set({ plan, busy: false, error: null, draftStop: null }),
  failed: (error) => set({ busy: false, error, draftStop: null }),
  sentAs: (entries) => set({ sent: entries, busy: false }),
  setDraftStop: (draftStop) => set({ draftStop }),
  drop: () =>
    set({ request: null, plan: null, sent: null, busy: false, error: null, draftStop: null }),
}));
