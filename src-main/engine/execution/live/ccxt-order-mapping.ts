import type { Order, Trade } from 'ccxt';
import { formatScaled, scaledFromNumber } from '../../../../src-shared/domain/decimal';
import type { OrderTerms, VenueFill, VenueOrder, VenueOrderStatus } from '../broker';
import type { MarketRules } from '../market-rules';

/** ccxt's unified order status onto the port's (a partly filled open order says so). */
export function venueStatusOf(order: Order): VenueOrderStatus {
  const filled = order.filled ?? 0;
  switch (order.status) {
    case 'closed':
      return 'FILLED';
    case 'canceled':
      return 'CANCELED';
    case 'rejected':
      return 'REJECTED';
    case 'expired':
      return 'EXPIRED';
    default:
      // 'open', and 'canceling' (a cancel the exchange has not finished): still live.
      return filled > 0 ? 'PARTIALLY_FILLED' : 'OPEN';
  }
}

/** A float from ccxt at a market's scale, exactly as the exchange printed it. */
function scaled(value: number | undefined, scale: number, where: string): string {
  return formatScaled(scaledFromNumber(value ?? 0, scale, 'nearest', where), scale);
}

/**
 * A ccxt order as the port's VenueOrder. Our own terms (what we sent, kept by the broker)
 * win over the exchange's rendering of them: a stop-market sent as a stop-limit is still our
 * stop-market. Quantities at the market's step, prices at 12 places (an average may be off
 * the tick grid).
 */
export function toVenueOrder(
  order: Order,
  rules: MarketRules,
  terms: OrderTerms | null,
  ocoGroup: string | null,
  now: number,
): VenueOrder {
  const where = `${order.symbol ?? '?'} order ${order.clientOrderId ?? order.id ?? '?'}`;
  const own: OrderTerms = terms ?? {
    clientOrderId: String(order.clientOrderId ?? ''),
    symbol: String(order.symbol),
    side: order.side === 'sell' ? 'sell' : 'buy',
    type: order.type === 'market' ? 'market' : order.triggerPrice ? 'stop-limit' : 'limit',
    qty: scaled(order.amount, rules.qtyScale, `${where} amount`),
    price: order.price ? scaled(order.price, rules.priceScale, `${where} price`) : null,
    stopPrice: order.triggerPrice
      ? scaled(order.triggerPrice, rules.priceScale, `${where} stop`)
      : null,
    timeInForce: order.timeInForce === 'IOC' ? 'IOC' : 'GTC',
    reduceOnly: order.reduceOnly === true,
  };
  const filled = order.filled ?? 0;
  return {
    ...own,
    venueOrderId: String(order.id),
    ocoGroup,
    status: venueStatusOf(order),
    filledQty: scaled(filled, rules.qtyScale, `${where} filled`),
    avgFillPrice:
      filled > 0 && typeof order.average === 'number'
        ? scaled(order.average, 12, `${where} average`)
        : null,
    reason:
      order.status === 'rejected' || order.status === 'expired'
        ? `${order.status} at the venue`
        : null,
    updatedAt: order.lastUpdateTimestamp ?? order.timestamp ?? now,
  };
}

/**
 * A ccxt trade as the port's VenueFill. The fill id is the exchange's trade id qualified by
 * its market (Binance numbers trades per symbol), so the ledger books it once.
 */
export function toVenueFill(
  trade: Trade,
  rules: MarketRules,
  clientOrderId: string,
  now: number,
): VenueFill {
  const where = `${trade.symbol ?? '?'} trade ${trade.id ?? '?'}`;
  if (trade.id === undefined || trade.order === undefined) {
    throw new Error(`${where}: the exchange sent a trade without its id or order id`);
  }
  const feeAsset = trade.fee?.currency ?? rules.spec.quote;
  return {
    fillId: `${trade.symbol}:${trade.id}`,
    clientOrderId,
    venueOrderId: String(trade.order),
    symbol: String(trade.symbol),
    side: trade.side === 'sell' ? 'sell' : 'buy',
    qty: scaled(trade.amount, rules.qtyScale, `${where} amount`),
    price: scaled(trade.price, rules.priceScale, `${where} price`),
    fee: scaled(trade.fee?.cost ?? 0, 12, `${where} fee`),
    feeAsset,
    liquidity: trade.takerOrMaker === 'maker' ? 'maker' : 'taker',
    at: trade.timestamp ?? now,
  };
}
