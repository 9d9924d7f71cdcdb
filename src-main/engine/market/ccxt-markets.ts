import type { Exchange, Market } from 'ccxt';
import { formatScaled, scaledFromNumber } from '../../../src-shared/domain/decimal';
import type { MarketSpec } from '../execution/broker';

/** ccxt's precision modes (ccxt/js/src/base/functions/number.js). */
const DECIMAL_PLACES = 2;
const TICK_SIZE = 4;

/**
 * Why a subscribed symbol cannot be served from the markets ccxt loaded, or null when it can:
 * the exchange no longer lists it (delisted or renamed), it is not a spot market, or trading
 * in it is halted.
 */
export function spotMarketProblem(exchange: Exchange, symbol: string): string | null {
  const market = exchange.markets?.[symbol];
  if (market === undefined) {
    return `${exchange.id} does not list spot market ${symbol} (delisted or renamed?)`;
  }
  if (market.spot !== true) return `${exchange.id} ${symbol} is not a spot market`;
  if (market.active === false)
    return `${exchange.id} ${symbol} is not trading (halted or delisted)`;
  return null;
}

/**
 * The paper venue's rules for a market, from the exchange's own filters as ccxt parsed them:
 * tick and step sizes, quantity limits, minimum notional and the maker/taker fees. Null (with
 * the reason) when the exchange does not publish enough to trade it faithfully.
 */
export function marketSpecOf(
  exchange: Exchange,
  symbol: string,
): { spec: MarketSpec } | { problem: string } {
  const market: Market | undefined = exchange.markets?.[symbol];
  if (market === undefined) return { problem: `${exchange.id} has no market ${symbol}` };
  const step = (value: number | undefined, what: string): string | undefined => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
    if (exchange.precisionMode === TICK_SIZE) return decimalText(value, `${symbol} ${what}`);
    if (exchange.precisionMode === DECIMAL_PLACES && Number.isInteger(value)) {
      return formatScaled(1n, value);
    }
    return undefined;
  };
  const tickSize = step(market.precision.price, 'tick size');
  const stepSize = step(market.precision.amount, 'step size');
  if (tickSize === undefined || stepSize === undefined) {
    return { problem: `${exchange.id} ${symbol}: no usable price/amount precision` };
  }
  const num = (value: number | undefined, fallback: string, what: string): string =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0
      ? decimalText(value, `${symbol} ${what}`)
      : fallback;
  const fee = (value: number | undefined, what: string): string | undefined =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 0.1
      ? decimalText(value, `${symbol} ${what}`)
      : undefined;
  const takerFee = fee(market.taker, 'taker fee');
  const makerFee = fee(market.maker, 'maker fee');
  if (takerFee === undefined || makerFee === undefined) {
    return { problem: `${exchange.id} ${symbol}: no published maker/taker fee` };
  }
  return {
    spec: {
      symbol,
      base: market.base,
      quote: market.quote,
      tickSize,
      stepSize,
      minQty: num(market.limits.amount?.min, stepSize, 'min amount'),
      maxQty: num(market.limits.amount?.max, '1000000000', 'max amount'),
      minNotional: num(market.limits.cost?.min, '0', 'min cost'),
      makerFee,
      takerFee,
    },
  };
}

/** A float from ccxt as a canonical decimal string (1e-8 -> '0.00000001'). */
function decimalText(value: number, where: string): string {
  return formatScaled(scaledFromNumber(value, 18, 'nearest', where), 18);
}
