import { Money, parseMoney, ZERO } from './money';
import type { Book, ReportFill } from './report-source';

/**
 * A fill after validation, with its effect on the position expressed uniformly:
 * - `quantity`: base units that entered (buy) or left (sell) the position. A fee charged in the
 *   base asset makes a buy deliver less and a sell take more, so it is folded in here.
 * - `gross`: quantity x price, exact.
 * - `fee`: the fee's value in the account currency. For a buy, cost basis = gross + fee; for a
 *   sell, proceeds = gross - fee. This holds for quote, base and third-asset fees alike.
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
  /** Gross quote notional of the fill as traded (quantity before base-fee folding x price). */
  readonly notional: Money;
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
  let baseFee = ZERO;
  if (fill.feeAsset === fill.quote) fee = feeAmount;
  else if (fill.feeAsset === fill.base) {
    baseFee = feeAmount;
    fee = feeAmount.times(price);
  } else {
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
  const quantity = fill.side === 'buy' ? qty.minus(baseFee) : qty.plus(baseFee);
  if (quantity.lte(0)) throw new Error(`${where}: the base-asset fee consumes the whole quantity`);
  return {
    source: fill,
    at: fill.at,
    symbol: fill.symbol,
    side: fill.side,
    price,
    quantity,
    gross: quantity.times(price),
    fee,
    notional: qty.times(price),
  };
}
