import { useEffect, useRef, type RefObject } from 'react';
import type { IPriceLine } from 'lightweight-charts';
import type { TradePlan } from '../../../src-shared/contract/plans';
import { FINAL_ORDER_STATES, type OrderView } from '../../../src-shared/domain/order';
import { useBookStore } from '../../state/book-store';
import { useClient } from '../../state/client-context';
import { moveStop } from '../../state/plan-actions';
import { usePlanStore } from '../../state/plan-store';
import type { ChartHandles } from './chart-series';

const STOP_COLOUR = '#f85149';
const TARGET_COLOUR = '#3fb950';
const ENTRY_COLOUR = '#58a6ff';
/** How close (px) to the plan's stop line a press picks it up. */
const GRAB_PX = 7;

interface Line {
  readonly price: number;
  readonly colour: string;
  readonly title: string;
  readonly dashed: boolean;
}

function planLines(plan: TradePlan, draftStop: number | null): Line[] {
  return [
    { price: Number(plan.entry), colour: ENTRY_COLOUR, title: 'Plan entry', dashed: true },
    {
      price: draftStop ?? Number(plan.stop),
      colour: STOP_COLOUR,
      title: 'Plan stop ⇕',
      dashed: false,
    },
    ...plan.targets.map((t, i) => ({
      price: Number(t.price),
      colour: TARGET_COLOUR,
      title: plan.targets.length > 1 ? `Plan TP${i + 1}` : 'Plan TP',
      dashed: true,
    })),
  ];
}

/** Working bracket legs and limit entries of the charted symbol, as they rest at the venue. */
function orderLines(orders: readonly OrderView[], symbol: string): Line[] {
  const lines: Line[] = [];
  for (const o of orders) {
    if (o.symbol !== symbol || FINAL_ORDER_STATES.has(o.state)) continue;
    if (o.bracketRole === 'stop-loss' && o.stopPrice !== null)
      lines.push({ price: Number(o.stopPrice), colour: STOP_COLOUR, title: 'SL', dashed: false });
    else if (o.bracketRole === 'take-profit' && o.price !== null)
      lines.push({ price: Number(o.price), colour: TARGET_COLOUR, title: 'TP', dashed: false });
    else if (o.type === 'limit' && o.price !== null)
      lines.push({ price: Number(o.price), colour: ENTRY_COLOUR, title: 'Entry', dashed: false });
  }
  return lines;
}

/**
 * The plan's entry, stop and targets over the candles, the stop draggable (release re-plans
 * it with the engine), and the working bracket legs of the charted symbol. The container
 * carries what a test or a screen reader needs: the lines shown and where the stop is.
 */
export function useTradeLines(
  handles: RefObject<ChartHandles | null>,
  container: RefObject<HTMLDivElement | null>,
  symbol: string,
): void {
  const client = useClient();
  const plan = usePlanStore((s) =>
    s.plan !== null && s.plan.symbol === symbol && s.sent === null ? s.plan : null,
  );
  const draftStop = usePlanStore((s) => s.draftStop);
  const orders = useBookStore((s) => s.orders);
  const drawn = useRef<IPriceLine[]>([]);

  useEffect(() => {
    const h = handles.current;
    const box = container.current;
    if (h === null || box === null) return;
    for (const line of drawn.current) h.candles.removePriceLine(line);
    const wanted = [
      ...(plan === null ? [] : planLines(plan, draftStop)),
      ...orderLines(orders, symbol),
    ];
    drawn.current = wanted.map((l) =>
      h.candles.createPriceLine({
        price: l.price,
        color: l.colour,
        lineWidth: l.title.startsWith('Plan stop') ? 2 : 1,
        lineStyle: l.dashed ? 2 : 0,
        axisLabelVisible: true,
        title: l.title,
      }),
    );
    box.dataset.tradeLines = wanted.map((l) => `${l.title.replace(' ⇕', '')}@${l.price}`).join(',');
    const stopY =
      plan === null ? null : h.candles.priceToCoordinate(draftStop ?? Number(plan.stop));
    box.dataset.planStopY = stopY === null ? '' : String(Math.round(stopY));
    const entryY = plan === null ? null : h.candles.priceToCoordinate(Number(plan.entry));
    box.dataset.planEntryY = entryY === null ? '' : String(Math.round(entryY));
  }, [handles, container, plan, draftStop, orders, symbol]);

  useEffect(() => {
    const box = container.current;
    if (box === null || plan === null) return undefined;
    const priceAt = (clientY: number): number | null => {
      const h = handles.current;
      if (h === null) return null;
      const price = h.candles.coordinateToPrice(clientY - box.getBoundingClientRect().top);
      return price === null || !Number.isFinite(price) || price <= 0 ? null : price;
    };
    const nearStop = (clientY: number): boolean => {
      const h = handles.current;
      const stop = usePlanStore.getState().draftStop ?? Number(plan.stop);
      const y = h?.candles.priceToCoordinate(stop) ?? null;
      return y !== null && Math.abs(clientY - box.getBoundingClientRect().top - y) <= GRAB_PX;
    };
    let dragging = false;
    const onMove = (e: MouseEvent): void => {
      if (!dragging) {
        box.style.cursor = nearStop(e.clientY) ? 'ns-resize' : '';
        return;
      }
      const price = priceAt(e.clientY);
      if (price !== null) usePlanStore.getState().setDraftStop(price);
    };
    const onUp = (): void => {
      if (!dragging) return;
      dragging = false;
      const price = usePlanStore.getState().draftStop;
      if (price !== null) moveStop(client, price);
    };
    // Capture phase: a press on the stop line never reaches the chart (no panning meanwhile).
    const onDown = (e: MouseEvent): void => {
      if (e.button !== 0 || !nearStop(e.clientY)) return;
      e.preventDefault();
      e.stopPropagation();
      dragging = true;
    };
    box.addEventListener('mousedown', onDown, { capture: true });
    window.addEventListener('mousemove', onMove, { capture: true });
    window.addEventListener('mouseup', onUp, { capture: true });
    return () => {
      box.removeEventListener('mousedown', onDown, { capture: true });
      window.removeEventListener('mousemove', onMove, { capture: true });
      window.removeEventListener('mouseup', onUp, { capture: true });
      box.style.cursor = '';
    };
  }, [handles, container, plan, client]);
}
