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
