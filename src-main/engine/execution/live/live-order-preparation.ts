import type { LiveTradingCapabilities } from '../../market/exchanges/exchange-capabilities';
import type { SubmitRequest } from '../broker';
import { VenueRejectError } from '../broker-errors';
import { isReject, type MarketRules } from '../market-rules';

// One of our orders made ready for an exchange: checked against the market's grid and limits,
// and shaped as ccxt's unified createOrder call wants it.

/** A decimal string at a scale, truncating digits beyond it. */
export function toUnits(text: string, scale: number): bigint {
  const negative = text.startsWith('-');
  const [whole, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const v =
    BigInt(whole ?? '0') * 10n ** BigInt(scale) +
    BigInt((frac.slice(0, scale) || '0').padEnd(scale, '0'));
  return negative ? -v : v;
}

/** The ccxt order type, price and params for one of ours. */
export function ccxtOrderShape(
  r: SubmitRequest,
  rules: MarketRules,
  caps: LiveTradingCapabilities,
): { type: string; price: number | undefined; params: Record<string, string> } {
  const tif = { timeInForce: r.timeInForce };
  switch (r.type) {
    case 'market':
      return { type: 'market', price: undefined, params: {} };
    case 'limit':
      return { type: 'limit', price: Number(r.price), params: tif };
    case 'stop-limit':
      return {
        type: 'limit',
        price: Number(r.price),
        params: { ...tif, stopLossPrice: String(r.stopPrice) },
      };
    case 'stop-market':
      if (caps.stopOrder === 'stop-market') {
        return {
          type: 'market',
          price: undefined,
          params: { stopLossPrice: String(r.stopPrice) },
        };
      }
      return {
        type: 'limit',
        price: Number(stopLimitPrice(r, rules, caps)),
        params: { timeInForce: 'GTC', stopLossPrice: String(r.stopPrice) },
      };
  }
}

/**
 * The limit of a stop sent as a stop-limit: `stopLimitSlippageBps` beyond the trigger,
 * rounded away from the market on the tick grid (a sell's limit down, a buy's up), so the
 * order still fills when the price gaps through the trigger.
 */
export function stopLimitPrice(
  r: SubmitRequest,
  rules: MarketRules,
  caps: LiveTradingCapabilities,
): string {
  if (r.stopPrice === null)
    throw new Error(`order ${r.clientOrderId}: a stop without a trigger price`);
  const stop = toUnits(r.stopPrice, rules.priceScale);
  const bps = BigInt(caps.stopLimitSlippageBps);
  const sell = r.side === 'sell';
  const raw = (stop * (10_000n + (sell ? -bps : bps))) / 10_000n;
  const limit = rules.roundToTick(raw, sell ? 'down' : 'up');
  return rules.priceText(limit > 0n ? limit : rules.tick);
}

/**
 * Quantities and prices on the market's grid and within its limits, checked here: ccxt's
 * amountToPrecision would otherwise truncate an off-grid quantity silently and send another
 * order than the one we recorded. An entry's notional must clear the exchange's minimum
 * with a 5% margin (a price tick could otherwise push it under between check and match).
 */
export function checkPrecision(venue: string, r: SubmitRequest, rules: MarketRules): void {
  const refuse = (reject: { code: number | null; msg: string }): never => {
    throw new VenueRejectError(venue, reject.code, reject.msg);
  };
  const qty = rules.qty(r.qty);
  if (isReject(qty)) return refuse(qty);
  const price = r.price === null ? null : rules.price(r.price);
  if (isReject(price)) return refuse(price);
  const stop = r.stopPrice === null ? null : rules.price(r.stopPrice, 'stop price');
  if (isReject(stop)) return refuse(stop);
  const reference = price ?? stop;
  if (!r.reduceOnly && reference !== null && reference * qty * 100n < rules.minNotional * 105n) {
    const spec = rules.spec;
    refuse({
      code: null,
      msg: `order value ${rules.notionalText(reference * qty)} ${spec.quote} is below ${spec.symbol}'s minimum order value ${spec.minNotional} ${spec.quote} plus the 5% Vigil keeps above it (a tick could push an entry under it between check and match)`,
    });
  }
}

/** Spot has no reduce-only flag: refuse a reduce-only order the book's position cannot cover. */
export function checkReducesOnly(
  venue: string,
  r: SubmitRequest,
  rules: MarketRules,
  heldQty: string,
): void {
  const held = toUnits(heldQty, rules.qtyScale);
  const qty = toUnits(r.qty, rules.qtyScale);
  const reduces = r.side === 'sell' ? held > 0n && qty <= held : held < 0n && qty <= -held;
  if (!reduces) {
    throw new VenueRejectError(
      venue,
      null,
      `reduce-only ${r.side} of ${r.qty} ${r.symbol} refused: the live book holds ${rules.qtyText(held)}`,
    );
  }
}
