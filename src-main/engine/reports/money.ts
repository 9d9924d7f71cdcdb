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

/** Places of the ledger's money (1e-24 of the currency): a conversion rounds there, as it does. */
const LEDGER_MONEY_PLACES = 24;

/** A decimal price as an exact fraction num / den (den a power of ten). */
export function rateFromDecimal(text: string): { num: string; den: string } {
  const value = parseMoney(text, 'rate');
  const places = value.decimalPlaces();
  return {
    num: value.times(new Money(10).pow(places)).toFixed(0),
    den: new Money(10).pow(places).toFixed(0),
  };
}

/**
 * `amount` in another currency at the exact rate num / den, rounded half-up to the ledger's money
 * unit exactly as the ledger's conversion does (exact whenever den is a power of ten).
 */
export function convertMoney(
  amount: Money,
  rate: { num: string; den: string },
  where: string,
): Money {
  const num = parseMoney(rate.num, `${where} rate numerator`);
  const den = parseMoney(rate.den, `${where} rate denominator`);
  if (num.lte(0) || den.lte(0))
    throw new Error(`${where}: rate ${rate.num}/${rate.den} is not positive`);
  return amount.times(num).div(den).toDecimalPlaces(LEDGER_MONEY_PLACES, Decimal.ROUND_HALF_UP);
}
