import type { MarketView } from '../../src-shared/contract/execution';
import { formatDecimal, formatFloatPrice, placesOf } from './numbers';

export type Markets = Readonly<Record<string, MarketView>>;

/** A price of `symbol` at its tick's places; exact as sent when the market is not known. */
export function priceText(markets: Markets, symbol: string, text: string): string {
  const market = markets[symbol];
  return formatDecimal(text, market === undefined ? undefined : placesOf(market.tickSize));
}

/** A float price (a gate's numbers, a chart value) at the tick, or at four significant digits. */
export function floatPriceText(markets: Markets, symbol: string, value: number): string {
  const market = markets[symbol];
  if (market === undefined || !Number.isFinite(value)) return formatFloatPrice(value);
  return formatDecimal(value.toFixed(placesOf(market.tickSize) + 2), placesOf(market.tickSize));
}

/**
 * A quantity as the engine holds it (always on the market's step grid), trailing zeros
 * dropped so 0.01 BTC reads as 0.01, with separators for large sizes.
 */
export function qtyText(text: string): string {
  return formatDecimal(text);
}
