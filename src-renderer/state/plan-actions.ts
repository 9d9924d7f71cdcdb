import type { VigilClient } from '../../src-shared/contract/client';
import type { PlanRequestInput } from '../../src-shared/contract/plans';
import { TimeframeSchema } from '../../src-shared/domain/candle';
import { useBookStore } from './book-store';
import { errorText } from './error-text';
import { splitInstrument } from './market-store';
import { usePlanStore } from './plan-store';
import { useToastStore } from './toast-store';
import { useUiStore } from './ui-store';
import { readableReason } from '../view/venue-reason';

async function propose(client: VigilClient, request: PlanRequestInput): Promise<void> {
  const store = usePlanStore.getState();
  store.start(request);
  try {
    const plan = await client.call('proposePlan', request);
    // A plan asked for later (another signal, another drag) wins over this one.
    if (usePlanStore.getState().request === request) usePlanStore.getState().proposed(plan);
  } catch (error) {
    if (usePlanStore.getState().request === request)
      usePlanStore.getState().failed(errorText(error));
  }
}

/** P on the board: the engine's plan for the selected signal (its market at its timeframe). */
export function planSelectedSignal(client: VigilClient): void {
  const ui = useUiStore.getState();
  if (ui.selectedSymbol === null) return;
  const { exchange, symbol } = splitInstrument(ui.selectedSymbol);
  const timeframe = TimeframeSchema.parse(ui.timeframe);
  void propose(client, { symbol, timeframe, ...(exchange === '' ? {} : { exchange }) });
}

/** The stop dragged on the chart: the engine re-sizes the plan around it. */
export function moveStop(client: VigilClient, price: number): void {
  const { request, plan } = usePlanStore.getState();
  if (request === null || plan === null) return;
  // The engine rounds onto the tick (away from the entry); 8 places carries any tick.
  const text = price.toFixed(8).replace(/\.?0+$/, '');
  void propose(client, { ...request, stopPrice: text });
}

/** The plan on screen, not yet sent, proposed again as it was asked (the gate judges it anew). */
export function replanShownPlan(client: VigilClient): void {
  const { request, plan, sent } = usePlanStore.getState();
  if (request === null || plan === null || sent !== null) return;
  void propose(client, request);
}

/** The plan panel's stop management switches: the engine re-plans with them. */
export function setManagement(
  client: VigilClient,
  management: { breakEven: boolean; trailAtr: number | null },
): void {
  const { request } = usePlanStore.getState();
  if (request === null) return;
  void propose(client, { ...request, management });
}

/** Enter: sends the plan on screen as brackets; a refusal stays in the panel. */
export async function sendShownPlan(client: VigilClient): Promise<void> {
  const { plan, busy, sent } = usePlanStore.getState();
  if (plan === null || busy || sent !== null) return;
  if (plan.refusal !== null) {
    usePlanStore.getState().failed(`Not sendable: ${plan.refusal}`);
    return;
  }
  usePlanStore.setState({ busy: true, error: null });
  try {
    const { entries } = await client.call('sendPlan', { planId: plan.planId });
    for (const e of entries) useBookStore.getState().upsertOrder(e);
    usePlanStore.getState().sentAs(entries);
    const refused = entries.find((e) => e.state === 'REJECTED');
    if (refused !== undefined)
      usePlanStore
        .getState()
        .failed(
          `Refused at send: ${refused.reason === null ? 'no reason given' : readableReason(refused.reason)}`,
        );
    else
      useToastStore
        .getState()
        .push(
          'info',
          `Plan ${plan.planId} sent`,
          `${plan.side} ${plan.qty} ${plan.symbol} with its stop and target`,
        );
  } catch (error) {
    usePlanStore.getState().failed(errorText(error));
  }
}
