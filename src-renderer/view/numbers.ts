import { decimalPlaces } from '../../src-shared/domain/decimal';

/**
 * How the cockpit writes numbers: exact decimal text from the engine rounded half away from
 * zero at the market's precision, with thousands separators, and never a float's noise
 * (905.1900000000005). Rounding is done on the digits, not through a binary float.
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;

export { moneyPlaces } from '../../src-shared/domain/money-places';

/** Places of a tick or step size ("0.01" -> 2, "1" -> 0). */
export function placesOf(increment: string): number {
  const trimmed = increment.includes('.')
    ? increment.replace(/0+$/, '').replace(/\.$/, '')
    : increment;
  return decimalPlaces(trimmed);
}

function group(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "9998.3545346" at 2 places -> "9,998.35". Without `places` every digit the engine sent is
 * kept (trailing zeros dropped): a figure with no known precision is shown exactly.
 */
export function formatDecimal(text: string, places?: number): string {
  if (!DECIMAL.test(text)) throw new Error(`formatDecimal: not a decimal number: '${text}'`);
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  let digits: string;
  let scale: number;
  if (places === undefined) {
    const kept = frac.replace(/0+$/, '');
    digits = whole + kept;
    scale = kept.length;
  } else {
    const padded = frac.padEnd(places + 1, '0');
    let scaled = BigInt(whole + padded.slice(0, places));
    if (Number(padded[places]) >= 5) scaled += 1n;
    digits = scaled.toString().padStart(places + 1, '0');
    scale = places;
  }
  const intPart = digits.slice(0, digits.length - scale) || '0';
  const fracPart = scale === 0 ? '' : `.${digits.slice(digits.length - scale)}`;
  const out = `${group(intPart.replace(/^0+(?=\d)/, ''))}${fracPart}`;
  const zero = /^[0.,]*$/.test(out);
  return negative && !zero ? `-${out}` : out;
}

/** Like formatDecimal, with a leading "+" on positive figures (PnL). */
export function formatSigned(text: string, places?: number): string {
  const out = formatDecimal(text, places);
  return out.startsWith('-') || /^[0.,]*$/.test(out) ? out : `+${out}`;
}

/** A float from the engine (scanner figures, gate numbers) at fixed places, with separators. */
export function formatNumber(value: number, places: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', {
    minimumFractionDigits: places,
    maximumFractionDigits: places,
  });
}

/**
 * A float price with no market precision known: four significant digits at least and two
 * places at least (42,017.51, 1.235, 0.00002841), so noise past the tick never shows.
 */
export function formatFloatPrice(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const magnitude = abs === 0 ? 0 : Math.floor(Math.log10(abs));
  return formatNumber(value, Math.min(10, Math.max(2, 3 - magnitude)));
}
