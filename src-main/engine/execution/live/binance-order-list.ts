import type { Exchange, Order } from 'ccxt';
import type { SubmitRequest } from '../broker';

/**
 * Binance spot's one-cancels-other: `POST /api/v3/orderList/oco` (ccxt's implicit
 * privatePostOrderListOco; ccxt has no unified method for it). For a sell exit the take-profit
 * is the above leg (LIMIT_MAKER at the target), the stop the below leg (STOP_LOSS_LIMIT at the
 * trigger, its limit `stopLimit` beyond it); a buy exit mirrors them. Each leg carries our
 * client id; the list id is derived from the group. Returns ccxt's parse of each leg.
 */
export async function placeBinanceOrderList(
  exchange: Exchange,
  stop: SubmitRequest,
  target: SubmitRequest,
  stopLimit: string,
): Promise<{ stop: Order; target: Order }> {
  const market = exchange.market(stop.symbol);
  if (stop.stopPrice === null || target.price === null) {
    throw new Error(`OCO ${stop.ocoGroup ?? ''}: the stop needs a trigger and the target a price`);
  }
  const stopLeg = {
    Type: 'STOP_LOSS_LIMIT',
    StopPrice: String(exchange.priceToPrecision(stop.symbol, stop.stopPrice)),
    Price: String(exchange.priceToPrecision(stop.symbol, stopLimit)),
    TimeInForce: 'GTC',
    ClientOrderId: stop.clientOrderId,
  };
  const targetLeg = {
    Type: 'LIMIT_MAKER',
    Price: String(exchange.priceToPrecision(target.symbol, target.price)),
    ClientOrderId: target.clientOrderId,
  };
  const [above, below] = stop.side === 'sell' ? [targetLeg, stopLeg] : [stopLeg, targetLeg];
  const params: Record<string, string> = {
    symbol: String(market.id),
    side: stop.side.toUpperCase(),
    quantity: String(exchange.amountToPrecision(stop.symbol, stop.qty)),
    listClientOrderId: (stop.ocoGroup ?? stop.clientOrderId).slice(0, 36),
    newOrderRespType: 'RESULT',
  };
  for (const [prefix, leg] of [
    ['above', above],
    ['below', below],
  ] as const) {
    for (const [field, value] of Object.entries(leg)) params[`${prefix}${field}`] = value;
  }
  const call = (exchange as unknown as Record<string, (p: object) => Promise<unknown>>)[
    'privatePostOrderListOco'
  ];
  if (typeof call !== 'function') throw new Error('this ccxt has no privatePostOrderListOco');
  const response = (await call.call(exchange, params)) as { orderReports?: unknown[] };
  const reports = (response.orderReports ?? []).map((r) =>
    exchange.parseOrder(r as object, market),
  );
  const find = (cid: string): Order => {
    const found = reports.find((o) => o.clientOrderId === cid);
    if (found === undefined) throw new Error(`OCO answer has no leg ${cid}`);
    return found;
  };
  return { stop: find(stop.clientOrderId), target: find(target.clientOrderId) };
}
