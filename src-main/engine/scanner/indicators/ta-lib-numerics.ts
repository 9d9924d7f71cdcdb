/**
 * TA-Lib's zero tests (ta_utility.h, TA_EPSILON = 1e-14). Reproduced exactly because agreeing
 * with TA-Lib means taking the same branch at the same threshold: RSI, ADX and Bollinger
 * report 0 where TA-Lib's tests call a value zero.
 */
export const TA_EPSILON = 1e-14;

export function taIsZero(value: number): boolean {
  return -TA_EPSILON < value && value < TA_EPSILON;
}

export function taIsZeroOrNeg(value: number): boolean {
  return value < TA_EPSILON;
}

/** A look-back period must be a whole number in TA-Lib's accepted range. */
export function assertPeriod(indicator: string, name: string, value: number, min = 2): void {
  if (!Number.isInteger(value) || value < min || value > 100_000) {
    throw new RangeError(
      `${indicator}: ${name} must be an integer in [${min}, 100000], got ${value}`,
    );
  }
}

/** Indicators see validated data; a non-finite value here is a bug upstream, so refuse it. */
export function assertFinite(indicator: string, name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new IndicatorInputError(`${indicator}: ${name} is not a finite number (${value})`);
  }
}

/** Invalid input reached an indicator. The scanner turns this into a FAILED signal. */
export class IndicatorInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndicatorInputError';
  }
}
