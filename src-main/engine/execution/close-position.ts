import type { BookId, OrderView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { LedgerReadModel } from '../ledger/ledger-read-model';
import { qtyOf, qtyText } from '../ledger/money';
import { leftoverExits } from './exits-on-flat';
import type { Executor } from './executor';
import type { OrderStore } from './order-store';

export interface PositionClosed {
  /** The reduce-only market order that closes (part of) the position. */
  readonly close: OrderView;
  /** Exits canceled first: on a spot venue they lock the asset the close has to sell. */
  readonly canceledExits: string[];
  /** On a partial close: the stop-loss and take-profit put back for what is left. */
  readonly replacedExits: OrderView[];
}

export interface ClosePositionDeps {
  readonly bookId: BookId;
  readonly orders: OrderStore;
  readonly executor: Pick<Executor, 'place' | 'cancel' | 'placeExitPair'>;
  readonly ledger: LedgerReadModel;
  readonly audit: AuditLog;
}

const CLOSING_REASON = 'canceled to close the position';

/**
 * Closes a position, or part of it, the way a trader means it: its working exits are canceled
 * first (a spot exchange locks the asset of every resting sell, so a close would otherwise be
 * refused for balance), then a reduce-only market order goes through the gate like any order
 * (so it is accepted while HALTED). After a partial close the stop-loss and take-profit are put
 * back for the rest, at their prices, one cancelling the other. Audited.
 */
export async function closePosition(
  deps: ClosePositionDeps,
  symbol: string,
  qty: string | undefined,
  actor: string,
): Promise<PositionClosed> {
  const position = deps.ledger.positions(deps.bookId).find((p) => p.symbol === symbol);
  const held = position === undefined ? 0n : qtyOf(position.qty, `position ${symbol}`);
  if (held === 0n) throw new Error(`close refused: there is no open position in ${symbol}`);
  const size = held < 0n ? -held : held;
  const amount = qty === undefined ? size : qtyOf(qty, 'close qty');
  if (amount <= 0n || amount > size)
    throw new Error(
      `close refused: ${qty ?? '?'} is not between 0 and the ${qtyText(size)} ${symbol} held`,
    );
  const exits = leftoverExits(deps.orders, deps.bookId, symbol, '1', '');
  const stop = exits.find((o) => o.type === 'stop-market' && o.stop_price !== null)?.stop_price;
  const target = exits.find((o) => o.type === 'limit' && o.price !== null)?.price;
  await Promise.all(
    exits.map((o) => deps.executor.cancel(o.client_order_id, actor, CLOSING_REASON)),
  );
  const side = held > 0n ? 'sell' : 'buy';
  const close = await deps.executor.place(
    { symbol, side, type: 'market', qty: qtyText(amount), reduceOnly: true },
    actor,
  );
  let replacedExits: OrderView[] = [];
  const rest = size - amount;
  if (close.state !== 'REJECTED' && rest > 0n && stop != null && target != null)
    replacedExits = await deps.executor.placeExitPair(
      { symbol, side, qty: qtyText(rest), stopPrice: stop, takeProfit: target },
      actor,
    );
  deps.audit.append({
    kind: 'order.position_close',
    actor,
    payload: {
      bookId: deps.bookId,
      symbol,
      qty: qtyText(amount),
      of: qtyText(size),
      close: close.clientOrderId,
      canceledExits: exits.map((o) => o.client_order_id),
      replacedExits: replacedExits.map((o) => o.clientOrderId),
    },
  });
  return { close, canceledExits: exits.map((o) => o.client_order_id), replacedExits };
}
