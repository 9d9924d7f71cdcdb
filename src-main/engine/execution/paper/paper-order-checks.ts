import { parseScaled, rescale } from '../../../../src-shared/domain/decimal';
import { MONEY_SCALE } from '../../ledger/money';
import type { SubmitRequest } from '../broker';
import { isReject, type ExchangeReject, type MarketRules } from '../market-rules';
import { kindOf, type PaperBalances } from './paper-balances';
import {
  insufficientRefusal,
  marginNotEnabledRefusal,
  missingParamRefusal,
  noMarketPriceRefusal,
  reduceOnlyRefusal,
  unknownSymbolRefusal,
} from './paper-refusals';

/** What the checks read of the paper venue. */
export interface PaperVenueView {
  readonly rules: ReadonlyMap<string, MarketRules>;
  readonly balances: PaperBalances;
  /** Whether the account is set up for margin and perpetual trading. */
  readonly marginTrading: boolean;
  /** The last price the venue has seen for a symbol, or null. */
  readonly lastPrice: (symbol: string) => string | null;
  /** The signed position of a symbol in quantity units. */
  readonly position: (symbol: string, rules: MarketRules) => bigint;
}

/**
 * The venue's checks of a new order, in the exchange's order: symbol, parameters, price, lot,
 * notional, reduce-only, balance. Null accepts it; otherwise the market rule it breaks (in words,
 * the same on every venue) or the paper venue's refusal for the account's state (in words, with
 * the figures: paper-refusals.ts).
 */
export function checkOrder(req: SubmitRequest, venue: PaperVenueView): ExchangeReject | null {
  const rules = venue.rules.get(req.symbol);
  if (rules === undefined) return unknownSymbolRefusal(req.symbol);
  const needsPrice = req.type === 'limit' || req.type === 'stop-limit';
  const needsStop = req.type === 'stop-market' || req.type === 'stop-limit';
  if (needsPrice !== (req.price !== null) || needsStop !== (req.stopPrice !== null)) {
    return missingParamRefusal(req);
  }
  const price = req.price === null ? null : rules.price(req.price);
  if (isReject(price)) return price;
  const stop = req.stopPrice === null ? null : rules.price(req.stopPrice, 'stop price');
  if (isReject(stop)) return stop;
  const qty = rules.qty(req.qty);
  if (isReject(qty)) return qty;
  let reference = price ?? stop;
  if (reference === null) {
    const last = venue.lastPrice(req.symbol);
    if (last === null) return noMarketPriceRefusal(req);
    reference = parseScaled(last, rules.priceScale, 'last price');
  }
  const notional = rules.checkNotional(reference, qty);
  if (notional !== null) return notional;

  const pos = venue.position(req.symbol, rules);
  if (req.reduceOnly) {
    const reduces = req.side === 'buy' ? pos < 0n : pos > 0n;
    if (!reduces) return reduceOnlyRefusal(req, rules, pos);
  }
  return checkBalance(req, venue, rules, reference, qty, pos);
}

/**
 * The venue's balance rules. Spot: a sell needs the base asset free (beyond it only on a
 * margin account, for a pair the venue lends on, with the borrowed part collateralized), a
 * buy needs its cost plus fee free in the quote. Perpetual: only on a margin account; what
 * adds exposure needs its notional plus fee free in the quote. Refused with both figures.
 */
function checkBalance(
  req: SubmitRequest,
  venue: PaperVenueView,
  rules: MarketRules,
  reference: bigint,
  qty: bigint,
  pos: bigint,
): ExchangeReject | null {
  const spec = rules.spec;
  const margin = venue.marginTrading;
  const fee = req.type === 'limit' ? spec.makerFee : spec.takerFee;
  const book = venue.balances;
  if (kindOf(spec) === 'perpetual') {
    if (!margin) return marginNotEnabledRefusal(req.symbol);
    const against = req.side === 'buy' ? (pos < 0n ? -pos : 0n) : pos > 0n ? pos : 0n;
    const adding = qty > against ? qty - against : 0n;
    if (adding === 0n) return null;
    return needFree(req, book, book.cost(rules, reference, adding, fee), spec.quote, 'as margin');
  }
  if (req.side === 'sell') {
    const freeBase = book.free(spec.base);
    // The legs of one one-cancels-other group share one lock (only one of them can fill).
    const shared = req.ocoGroup === null ? 0n : book.groupLock(req.ocoGroup, spec.base);
    const wanted = book.qtyMoney(rules, qty) - shared;
    if (wanted <= freeBase) return null;
    if (!margin || spec.marginAllowed !== true) {
      return insufficientRefusal(req, { amount: wanted, asset: spec.base }, freeBase);
    }
    // On margin the part beyond what is held is borrowed: 1x collateral in the quote.
    const heldUnits = freeBase > 0n ? rescale(freeBase, MONEY_SCALE, rules.qtyScale, 'floor') : 0n;
    const borrowed = qty - heldUnits;
    const collateral = book.cost(rules, reference, borrowed, fee);
    return needFree(
      req,
      book,
      collateral,
      spec.quote,
      `as collateral for the ${rules.qtyText(borrowed)} ${spec.base} borrowed`,
    );
  }
  // A buy that covers a margin short spends the proceeds held back for it; the rest is new.
  const covering = pos < 0n ? (qty < -pos ? qty : -pos) : 0n;
  const adding = qty - covering;
  if (adding === 0n) return null;
  return needFree(req, book, book.cost(rules, reference, adding, fee), spec.quote);
}

/** Accepted when `amount` of `asset` is free; otherwise refused with what is needed and what is free. */
function needFree(
  req: SubmitRequest,
  book: PaperBalances,
  amount: bigint,
  asset: string,
  what?: string,
): ExchangeReject | null {
  const free = book.free(asset);
  return amount > free ? insufficientRefusal(req, { amount, asset, what }, free) : null;
}
