import Decimal from 'decimal.js';

/**
 * Exact decimal arithmetic for report money. 60 significant digits is far beyond any exchange
 * precision (8-18 decimals on values up to 1e12), so additions and multiplications of ledger
 * values are exact; the only rounding is where we divide (fee proration), and there the
 * remainder is carried so totals stay exact.
 */
export const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
export type Money = InstanceType<typeof Money>;

export const ZERO: Money = new Money(0);

/** Decimal places used when a value must be divided (fee proration); remainders are carried. */
export const PRORATION_PLACES = 12;

const DECIMAL_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/**
 * Parses a decimal string from the ledger. Rejects anything that is not a plain finite decimal
 * (no exponent, no NaN/Infinity, no thousands separators), naming where it came from.
 */
export function parseMoney(text: string, where: string): Money {
  if (typeof text !== 'string' || !DECIMAL_TEXT.test(text)) {
    throw new Error(`${where}: expected a decimal string, got ${JSON.stringify(text)}`);
  }
  return new Money(text);
}

/** Exact decimal string without exponent notation or trailing zeros. */
export function moneyText(value: Money): string {
  return value.toFixed();
}

/** Rounds for display only (half away from zero, like a bank statement). */
export function centsText(value: Money, places = 2): string {
  return value.toFixed(places, Decimal.ROUND_HALF_UP);
}

export function sumMoney(values: Iterable<Money>): Money {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
