import type { RiskRejected } from '../../src-shared/contract/risk';
import type { FillView, OrderView } from '../../src-shared/domain/order';
import { floatPriceText, priceText, qtyText, type Markets } from './market-format';
import { formatDecimal, moneyPlaces } from './numbers';

/** A fee in its asset's money places, or exact when that would round a real fee to zero. */
function feeText(fee: string, asset: string): string {
  const rounded = formatDecimal(fee, moneyPlaces(asset));
  return /^[0.,]+$/.test(rounded) && /[1-9]/.test(fee) ? formatDecimal(fee) : rounded;
}
import { ruleLabel } from '../../src-shared/domain/actor-words';
import { withoutFloatNoise } from './trader-words';
import { readableReason } from './venue-reason';

export interface ToastText {
  readonly title: string;
  readonly body: string;
}

/** "Filled BUY 0.01 BTC/USDT" / "at 8,606.93, fee 0.09 USDT". */
export function fillToast(fill: FillView, markets: Markets): ToastText {
  return {
    title: `Filled ${fill.side.toUpperCase()} ${qtyText(fill.qty)} ${fill.symbol}`,
    body: `at ${priceText(markets, fill.symbol, fill.price)}, fee ${feeText(fill.fee, fill.feeAsset)} ${fill.feeAsset}`,
  };
}

export function orderRejectionToast(order: OrderView): ToastText {
  return {
    title: `Order rejected: ${order.symbol}`,
    body: order.reason === null ? 'no reason given by the venue' : readableReason(order.reason),
  };
}

/**
 * An order recorded as never placed (its placement answer was lost, and the exchange had no
 * record of it when the grace ended) that the exchange took in after all: said at once, with
 * what Vigil does about it, since the trader was told it never happened.
 */
export function lateOrderToast(order: OrderView, halted: boolean, markets: Markets): ToastText {
  const venue = order.bookId.startsWith('live:') ? order.bookId.slice(5) : order.bookId;
  const price = order.price === null ? '' : ` at ${priceText(markets, order.symbol, order.price)}`;
  return {
    title: `Order arrived late at ${venue}: ${order.symbol}`,
    body:
      `${order.side.toUpperCase()} ${qtyText(order.qty)} ${order.symbol} ${order.type}${price} was recorded as never placed; ${venue} took it in after all. ` +
      (halted
        ? 'HALTED: the kill is cancelling it (its fills, if any, are booked).'
        : 'It is in your book now, as the exchange shows it.'),
  };
}

/**
 * A risk refusal: the limit's name, the order, and the engine's reason (which states its own
 * figures). The raw numbers stay in the audit chain; codes such as "mode 3" never reach here.
 */
export function riskRejectionToast(r: RiskRejected, markets: Markets): ToastText {
  const qty = String(Number(r.qty.toPrecision(12)));
  return {
    title: `Refused: ${ruleLabel(r.rule)}`,
    body: `${r.side.toUpperCase()} ${qty} ${r.symbol} at ${floatPriceText(markets, r.symbol, r.price)}: ${withoutFloatNoise(r.reason)}`,
  };
}
