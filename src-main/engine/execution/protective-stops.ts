import type { BookId, OrderView, PositionView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import { isFinalState } from './order-state';
import type { OrderStore } from './order-store';
import type { Executor } from './executor';

export interface StopsReplaced {
  readonly placed: OrderView[];
  /** Positions left without a new stop, and why. */
  readonly skipped: Array<{ readonly symbol: string; readonly reason: string }>;
}

export interface ProtectiveStopDeps {
  readonly bookId: BookId;
  readonly orders: OrderStore;
  readonly executor: Pick<Executor, 'place'>;
  readonly audit: AuditLog;
  readonly positions: () => readonly PositionView[];
  /** The current mark of a symbol, or null when it has none. */
  readonly mark: (symbol: string) => number | null;
}

/** How far back a symbol's stops are searched for the one the kill canceled. */
const STOP_HISTORY = 50;

/**
 * After a kill without flatten, every open position is left without its protective stop (the
 * kill cancels every order, resting stops included). This puts one back per position: a
 * reduce-only stop-market for the whole position at the price of its most recent stop, placed
 * through the executor and the gate like any order (HALTED accepts it: it only reduces).
 * A position is skipped, with the reason, when a stop already works for it, when no earlier
 * stop is known, or when the price is already through that stop (a stop there would only be
 * a close at market: the trader decides that).
 */
export async function replaceProtectiveStops(
  deps: ProtectiveStopDeps,
  actor: string,
): Promise<StopsReplaced> {
  const placed: OrderView[] = [];
  const skipped: StopsReplaced['skipped'] = [];
  for (const position of deps.positions()) {
    const qty = Number(position.qty);
    if (qty === 0) continue;
    const { symbol } = position;
    const exitSide = qty > 0 ? 'sell' : 'buy';
    const stops = deps.orders
      .stopsOf(deps.bookId, symbol, STOP_HISTORY)
      .filter((o) => o.side === exitSide && o.stop_price !== null);
    if (stops.some((o) => !isFinalState(o.state))) {
      skipped.push({ symbol, reason: 'a protective stop is already working' });
      continue;
    }
    const previous = stops[0];
    if (previous === undefined || previous.stop_price === null) {
      skipped.push({ symbol, reason: 'no earlier stop is known; place one from the ticket' });
      continue;
    }
    const stopPrice = previous.stop_price;
    const mark = deps.mark(symbol);
    if (mark === null) {
      skipped.push({ symbol, reason: 'no mark price: cannot tell whether the stop still holds' });
      continue;
    }
    const through = qty > 0 ? mark <= Number(stopPrice) : mark >= Number(stopPrice);
    if (through) {
      skipped.push({
        symbol,
        reason: `the price ${mark} is already through the stop ${stopPrice}: close the position instead`,
      });
      continue;
    }
    const order = await deps.executor.place(
      {
        symbol,
        side: exitSide,
        type: 'stop-market',
        stopPrice,
        qty: position.qty.startsWith('-') ? position.qty.slice(1) : position.qty,
        timeInForce: 'GTC',
        reduceOnly: true,
      },
      actor,
    );
    if (order.state === 'REJECTED')
      skipped.push({ symbol, reason: `refused: ${order.reason ?? 'no reason given'}` });
    else placed.push(order);
  }
  deps.audit.append({
    kind: 'order.protective_stops_replaced',
    actor,
    payload: {
      bookId: deps.bookId,
      placed: placed.map((o) => ({
        symbol: o.symbol,
        clientOrderId: o.clientOrderId,
        stopPrice: o.stopPrice,
      })),
      skipped,
    },
  });
  return { placed, skipped };
}
