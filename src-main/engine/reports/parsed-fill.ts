import { convertMoney, type Money, parseMoney } from './money';
import type { Book, ReportFill, ReportRate } from './report-source';

/**
 * A fill after validation:
 * - `quantity`: base units traded; the position moves by exactly this much (the ledger's rule).
 * - `gross`: quantity x price, exact.
 * - `fee`: the fee's value in the account currency (a base-asset fee at the fill price, a
 *   third-asset fee at the value the ledger recorded). For a buy, cost basis = gross + fee; for
 *   a sell, proceeds = gross - fee.
 * - A pair quoted in another currency (ETH/BTC in a USDT book) is valued in the account
 *   currency at the rate the ledger recorded with the fill (`rate`): `price`, `gross` and `fee`
 *   are in the account currency, `quotePrice` and `quoteGross` in the pair's own quote.
 */
export interface ParsedFill {
  readonly source: ReportFill;
  readonly at: number;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly price: Money;
  readonly quantity: Money;
  readonly gross: Money;
  readonly fee: Money;
  /** Price and quantity x price in the pair's own quote currency. */
  readonly quotePrice: Money;
  readonly quoteGross: Money;
  /** The quote currency's rate into the account currency; null when they are the same. */
  readonly rate: ReportRate | null;
}

/** Validates one ledger fill for a report of `book` valued in `currency`; errors name the fill. */
export function parseFill(fill: ReportFill, book: Book, currency: string): ParsedFill {
  const where = `fill ${fill.id}`;
  if (fill.book !== book) {
    throw new Error(`${where}: belongs to book '${fill.book}', not '${book}'; books never mix`);
  }
  if (!Number.isSafeInteger(fill.at) || fill.at < 0) {
    throw new Error(`${where}: timestamp must be epoch milliseconds, got ${fill.at}`);
  }
  if (fill.symbol !== `${fill.base}/${fill.quote}`) {
    throw new Error(
      `${where}: symbol ${fill.symbol} does not match base ${fill.base} / quote ${fill.quote}`,
    );
  }
  const rate = fill.quote === currency ? null : (fill.quoteRate ?? null);
  if (fill.quote !== currency && rate === null) {
    throw new Error(
      `${where}: ${fill.symbol} is quoted in ${fill.quote} and no ${fill.quote} to ${currency} rate was recorded at its time (a fill from before Vigil kept rates, or no market linked ${fill.quote} to ${currency} then); the ${book} book's report cannot value it`,
    );
  }
  const qty = parseMoney(fill.quantity, `${where} quantity`);
  const price = parseMoney(fill.price, `${where} price`);
  const feeAmount = parseMoney(fill.feeAmount, `${where} fee amount`);
  if (qty.lte(0)) throw new Error(`${where}: quantity must be positive, got ${fill.quantity}`);
  if (price.lte(0)) throw new Error(`${where}: price must be positive, got ${fill.price}`);
  if (feeAmount.lt(0)) throw new Error(`${where}: fee must not be negative, got ${fill.feeAmount}`);

  // Everything in the pair's own quote first, as the ledger keeps it.
  let fee: Money;
  if (fill.feeAsset === fill.quote) fee = feeAmount;
  else if (fill.feeAsset === fill.base) fee = feeAmount.times(price);
  else {
    if (fill.feeValue === undefined) {
      throw new Error(
        `${where}: fee charged in ${fill.feeAsset} needs its value in ${fill.quote} (feeValue)`,
      );
    }
    fee = parseMoney(fill.feeValue, `${where} fee value`);
    if (fee.lt(0)) throw new Error(`${where}: fee value must not be negative`);
  }
  const derivedFee = fill.feeAsset === fill.quote || fill.feeAsset === fill.base;
  if (derivedFee && fill.feeValue !== undefined) {
    const given = parseMoney(fill.feeValue, `${where} fee value`);
    if (!given.eq(fee)) {
      throw new Error(
        `${where}: fee value ${fill.feeValue} disagrees with ${fee.toFixed()} derived from the fee`,
      );
    }
  }
  // Then in the account currency, at the rate of the fill's time.
  const inCurrency = (amount: Money): Money =>
    rate === null ? amount : convertMoney(amount, rate, where);
  const valuedPrice = inCurrency(price);
  return {
    source: fill,
    at: fill.at,
    symbol: fill.symbol,
    side: fill.side,
    price: valuedPrice,
    quantity: qty,
    gross: qty.times(valuedPrice),
    fee: inCurrency(fee),
    quotePrice: price,
    quoteGross: qty.times(price),
    rate,
  };
}
