import { InvalidInputError, RefusedError } from '../../../src-shared/contract/command-refusal';
import type { BookId, OrderView } from '../../../src-shared/domain/order';
import type { AuditLog } from '../audit/audit-log';
import type { LedgerReadModel } from '../ledger/ledger-read-model';
import { qtyOf, qtyText } from '../ledger/money';
import { workingExits } from './exits-on-flat';
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
  if (held === 0n) throw new RefusedError(`close refused: there is no open position in ${symbol}`);
  const size = held < 0n ? -held : held;
  const amount = qty === undefined ? size : qtyOf(qty, 'close qty');
  if (amount <= 0n || amount > size)
    throw new InvalidInputError('closePosition', [
      {
        path: 'qty',
        message: `${qty ?? '?'} is not between 0 and the ${qtyText(size)} ${symbol} held`,
      },
    ]);
  const exits = workingExits(deps.orders, deps.bookId, symbol);
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
  const rest = size - amount;
  const replacedExits =
    close.state === 'REJECTED' || rest === 0n
      ? []
      : await replaceExits(deps, { symbol, side, qty: qtyText(rest), stop, target }, actor);
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

/** The exits a partial close canceled, back for what is left: a pair when both existed. */
async function replaceExits(
  deps: ClosePositionDeps,
  exits: {
    symbol: string;
    side: 'buy' | 'sell';
    qty: string;
    stop: string | null | undefined;
    target: string | null | undefined;
  },
  actor: string,
): Promise<OrderView[]> {
  const { symbol, side, qty, stop, target } = exits;
  if (stop != null && target != null)
    return deps.executor.placeExitPair(
      { symbol, side, qty, stopPrice: stop, takeProfit: target },
      actor,
    );
  const base = { symbol, side, qty, reduceOnly: true, timeInForce: 'GTC' } as const;
  if (stop != null)
    return [await deps.executor.place({ ...base, type: 'stop-market', stopPrice: stop }, actor)];
  if (target != null)
    return [await deps.executor.place({ ...base, type: 'limit', price: target }, actor)];
  return [];
}
