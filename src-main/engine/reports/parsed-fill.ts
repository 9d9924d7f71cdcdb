import { type Money, parseMoney } from './money';
import type { Book, ReportFill } from './report-source';

/**
 * A fill after validation:
 * - `quantity`: base units traded; the position moves by exactly this much (the ledger's rule).
 * - `gross`: quantity x price, exact.
 * - `fee`: the fee's value in the account currency (a base-asset fee at the fill price, a
 *   third-asset fee at the value the ledger recorded). For a buy, cost basis = gross + fee; for
 *   a sell, proceeds = gross - fee.
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
  if (fill.quote !== currency) {
    throw new Error(
      `${where}: ${fill.symbol} is quoted in ${fill.quote}, but the ${book} book is valued in ${currency}; cross-quoted pairs are not supported by reports yet`,
    );
  }
  const qty = parseMoney(fill.quantity, `${where} quantity`);
  const price = parseMoney(fill.price, `${where} price`);
  const feeAmount = parseMoney(fill.feeAmount, `${where} fee amount`);
  if (qty.lte(0)) throw new Error(`${where}: quantity must be positive, got ${fill.quantity}`);
  if (price.lte(0)) throw new Error(`${where}: price must be positive, got ${fill.price}`);
  if (feeAmount.lt(0)) throw new Error(`${where}: fee must not be negative, got ${fill.feeAmount}`);

  let fee: Money;
  if (fill.feeAsset === fill.quote) fee = feeAmount;
  else if (fill.feeAsset === fill.base) fee = feeAmount.times(price);
  else {
    if (fill.feeValue === undefined) {
      throw new Error(
        `${where}: fee charged in ${fill.feeAsset} needs its value in ${currency} (feeValue)`,
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
  return {
    source: fill,
    at: fill.at,
    symbol: fill.symbol,
    side: fill.side,
    price,
    quantity: qty,
    gross: qty.times(price),
    fee,
  };
}
