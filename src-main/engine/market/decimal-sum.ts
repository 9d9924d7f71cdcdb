/**
 * Sums numbers as the decimals they print as, then rounds once. Exchange volumes are decimal
 * text (e.g. `15.085915`); adding their binary approximations drifts in the last bits, so the
 * aggregate of five 1m volumes would not equal the exchange's own 5m volume. Summing the
 * shortest round-trip decimal of each value exactly (BigInt) gives the correctly rounded
 * double of the true decimal sum — the same number the exchange's text parses to.
 */
export function decimalSum(values: readonly number[]): number {
  if (values.length === 0) return 0;
  if (values.length === 1) return values[0] as number;
  const fast = smallDecimalSum(values);
  if (fast !== undefined) return fast;
  const parts: Array<{ digits: bigint; scale: number }> = [];
  let maxScale = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) throw new Error(`decimalSum: non-finite value ${value}`);
    const part = toScaledDecimal(value);
    parts.push(part);
    if (part.scale > maxScale) maxScale = part.scale;
  }
  let total = 0n;
  for (const { digits, scale } of parts) total += digits * 10n ** BigInt(maxScale - scale);
  return Number(fromScaled(total, maxScale));
}

const POW10: number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * Fast path for the common case (exchange volumes with a handful of decimals): find each
 * value's fraction digits k (the least k with round(v*10^k)/10^k === v, which recovers the
 * decimal it was parsed from), add the scaled integers exactly in doubles while they stay
 * below 2^53, and divide once, a single correctly rounded operation. Undefined when a value
 * or the sum does not fit; the BigInt path then handles it.
 */
function smallDecimalSum(values: readonly number[]): number | undefined {
  const scales: number[] = [];
  let maxScale = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) return undefined;
    let k = 0;
    for (; k < 12; k += 1) {
      const scaled = value * (POW10[k] as number);
      if (Math.abs(scaled) >= 2 ** 53) return undefined;
      if (Math.round(scaled) / (POW10[k] as number) === value) break;
    }
    if (k === 12) return undefined;
    scales.push(k);
    if (k > maxScale) maxScale = k;
  }
  let total = 0;
  for (let i = 0; i < values.length; i += 1) {
    const k = scales[i] as number;
    total +=
      Math.round((values[i] as number) * (POW10[k] as number)) * (POW10[maxScale - k] as number);
    if (!Number.isSafeInteger(total)) return undefined;
  }
  return total / (POW10[maxScale] as number);
}

/** value = digits * 10^-scale, with scale >= 0. */
function toScaledDecimal(value: number): { digits: bigint; scale: number } {
  const text = value.toString();
  const [mantissa, exponentText] = text.split('e') as [string, string | undefined];
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const negative = mantissa.startsWith('-');
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const dot = unsigned.indexOf('.');
  const fraction = dot === -1 ? '' : unsigned.slice(dot + 1);
  const integerDigits = dot === -1 ? unsigned : unsigned.slice(0, dot);
  let digits = BigInt(integerDigits + fraction);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits: negative ? -digits : digits, scale };
}

function fromScaled(total: bigint, scale: number): string {
  const negative = total < 0n;
  const text = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const cut = text.length - scale;
  const body = scale === 0 ? text : `${text.slice(0, cut)}.${text.slice(cut)}`;
  return negative ? `-${body}` : body;
}
