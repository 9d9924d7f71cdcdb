/**
 * Exact decimal money and quantity arithmetic as scaled integers (bigint). A value with scale s
 * is stored as round(value * 10^s). Decimal strings are the wire and storage form, so nothing
 * that counts money ever passes through a binary float.
 */

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

/** Pow10 as a bigint; cached because it sits on every conversion. */
const POW10: bigint[] = [];
export function pow10(n: number): bigint {
  if (!Number.isInteger(n) || n < 0 || n > 40) throw new Error(`pow10: bad exponent ${n}`);
  let v = POW10[n];
  if (v === undefined) {
    v = 10n ** BigInt(n);
    POW10[n] = v;
  }
  return v;
}

/** Number of digits after the point in a canonical decimal string ("0.010" -> 3). */
export function decimalPlaces(text: string): number {
  if (!DECIMAL_RE.test(text)) throw new Error(`not a decimal number: '${text}'`);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Parses a decimal string at a scale, exactly. More digits than the scale allows is an error
 * (never a silent rounding); `where` names the field for the message.
 */
export function parseScaled(text: string, scale: number, where: string): bigint {
  if (typeof text !== 'string' || !DECIMAL_RE.test(text)) {
    throw new Error(`${where}: not a decimal number: '${String(text)}'`);
  }
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const [whole = '0', frac = ''] = body.split('.');
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > scale) {
    throw new Error(`${where}: '${text}' has more than ${scale} decimal places`);
  }
  const v = BigInt(whole) * pow10(scale) + BigInt(trimmed.padEnd(scale, '0') || '0');
  return negative ? -v : v;
}

/** Formats a scaled integer as a canonical decimal string (no trailing zeros, no exponent). */
export function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const p = pow10(scale);
  const whole = abs / p;
  let frac = scale === 0 ? '' : (abs % p).toString().padStart(scale, '0').replace(/0+$/, '');
  if (frac.length > 0) frac = `.${frac}`;
  const out = `${whole.toString()}${frac}`;
  return negative && abs !== 0n ? `-${out}` : out;
}

/** Changes scale; going down must be exact unless a rounding mode is given. */
export function rescale(
  value: bigint,
  from: number,
  to: number,
  round: 'exact' | 'floor' | 'ceil' = 'exact',
): bigint {
  if (to >= from) return value * pow10(to - from);
  const d = pow10(from - to);
  return divRound(value, d, round, 'rescale');
}

/** Integer division with an explicit rounding mode ('exact' throws on a remainder). */
export function divRound(
  num: bigint,
  den: bigint,
  round: 'exact' | 'floor' | 'ceil',
  where: string,
): bigint {
  if (den === 0n) throw new Error(`${where}: division by zero`);
  const q = num / den;
  const r = num % den;
  if (r === 0n) return q;
  if (round === 'exact') throw new Error(`${where}: inexact division ${num} / ${den}`);
  // bigint division truncates toward zero; adjust to the requested direction.
  const positive = num < 0n === den < 0n;
  if (round === 'floor') return positive ? q : q - 1n;
  return positive ? q + 1n : q;
}

/**
 * Converts a finite float (e.g. a candle value) to a scaled integer with explicit rounding.
 * Only market data enters this way; it names `where` on NaN or infinity.
 */
export function scaledFromNumber(
  value: number,
  scale: number,
  round: 'nearest' | 'floor' | 'ceil',
  where: string,
): bigint {
  if (!Number.isFinite(value)) throw new Error(`${where}: non-finite number ${value}`);
  // toFixed with two guard digits avoids exponent notation and keeps the float's digits.
  const text = value.toFixed(Math.min(scale + 2, 100));
  const guarded = parseScaled(text, scale + 2, where);
  const mode = round === 'nearest' ? 'floor' : round;
  if (round === 'nearest') return divRound(guarded + 50n, 100n, mode, where);
  return divRound(guarded, 100n, mode, where);
}
