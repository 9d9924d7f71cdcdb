import type { Exchange, Order } from 'ccxt';
import { placeBinanceOrderList } from './binance-order-list';
import type { LiveDialect, OrderRef, VenueReject } from './venue-dialect';

/** Binance's `{"code":-2010,"msg":"..."}` at the end of ccxt's message, when it is there. */
export function binanceReject(message: string): VenueReject | null {
  const match = /(\{[^{}]*"code"\s*:\s*-?\d+[^{}]*\})\s*$/.exec(message);
  if (match === null) return null;
  try {
    const body = JSON.parse(match[1] as string) as { code?: unknown; msg?: unknown };
    if (typeof body.code !== 'number') return null;
    return { code: body.code, msg: typeof body.msg === 'string' ? body.msg : '' };
  } catch {
    return null;
  }
}

// ccxt's signature wants an id; with our client id in the params it asks by that.
const byClientId = (ref: OrderRef): [string, string, { origClientOrderId: string }] => [
  ref.venueOrderId ?? '',
  ref.symbol,
  { origClientOrderId: ref.clientOrderId },
];

/**
 * Binance spot: our id in `newClientOrderId` (queries and cancels by `origClientOrderId`),
 * stops as ordinary orders (STOP_LOSS_LIMIT) in the open-orders list, one DELETE per market
 * for the kill, bracket exits as one order list (binance-order-list.ts).
 */
export const binanceDialect: LiveDialect = {
  ackHasState: true,
  prepare(exchange: Exchange): void {
    // Binance refuses an unfiltered open-orders query in ccxt unless told we mean it.
    (exchange.options as Record<string, unknown>)['warnOnFetchOpenOrdersWithoutSymbol'] = false;
  },
  orderParams: (r) => ({ newClientOrderId: r.clientOrderId }),
  rejectOf: binanceReject,
  fetchOrder: (exchange, ref) => exchange.fetchOrder(...byClientId(ref)),
  cancelOrder: (exchange, ref) => exchange.cancelOrder(...byClientId(ref)),
  cancelAll: (exchange, symbol) => exchange.cancelAllOrders(symbol),
  openOrders: (exchange, symbol) => exchange.fetchOpenOrders(symbol),
  async orderTrades(exchange, ref) {
    if (ref.venueOrderId === null) return [];
    const trades = await exchange.fetchMyTrades(ref.symbol, undefined, undefined, {
      orderId: ref.venueOrderId,
    });
    return trades.filter((t) => String(t.order) === ref.venueOrderId);
  },
  placeOco: placeBinanceOrderList,
  listIdOf(order: Order): string | null {
    const listId = (order.info as { orderListId?: unknown } | undefined)?.orderListId;
    return listId === undefined || listId === -1 ? null : String(listId);
  },
  streamMatch: (pushed) =>
    'clientOrderId' in pushed && pushed.clientOrderId !== undefined
      ? { clientOrderId: String(pushed.clientOrderId) }
      : null,
  streamTrade: (trade) => trade,
};
