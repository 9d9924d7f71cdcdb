/**
 * Chart overlays computed from the candles the engine sent. These are display aids only; the
 * scanner's own (TA-Lib-exact, streaming) indicators drive signals. Same conventions as TA-Lib:
 * EMA seeded with the SMA of the first period, Wilder smoothing for RSI, population standard
 * deviation for Bollinger. Each output is aligned with the input; null while warming up.
 */

export type Series = (number | null)[];

function checkPeriod(period: number, where: string): void {
  if (!Number.isInteger(period) || period < 1) {
    throw new Error(`${where}: period must be a positive integer, got ${period}`);
  }
}

export function ema(values: readonly number[], period: number): Series {
  checkPeriod(period, 'ema');
  const out: Series = new Array<number | null>(values.length).fill(null);
  if (values.length < period) return out;
  const k = 2 / (period + 1);
  let sum = 0;
  for (let i = 0; i < period; i++) sum += values[i] ?? 0;
  let prev = sum / period;
  out[period - 1] = prev;
  for (let i = period; i < values.length; i++) {
    prev = ((values[i] ?? 0) - prev) * k + prev;
    out[i] = prev;
  }
  return out;
}

export interface Bands {
  readonly upper: Series;
  readonly middle: Series;
  readonly lower: Series;
}

export function bollinger(values: readonly number[], period: number, width: number): Bands {
  checkPeriod(period, 'bollinger');
  const n = values.length;
  const upper: Series = new Array<number | null>(n).fill(null);
  const middle: Series = new Array<number | null>(n).fill(null);
  const lower: Series = new Array<number | null>(n).fill(null);
  for (let i = period - 1; i < n; i++) {
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += values[j] ?? 0;
    const mean = sum / period;
    let sq = 0;
    for (let j = i - period + 1; j <= i; j++) sq += ((values[j] ?? 0) - mean) ** 2;
    const sd = Math.sqrt(sq / period);
    middle[i] = mean;
    upper[i] = mean + width * sd;
    lower[i] = mean - width * sd;
  }
  return { upper, middle, lower };
}

export function rsi(values: readonly number[], period: number): Series {
  checkPeriod(period, 'rsi');
  const out: Series = new Array<number | null>(values.length).fill(null);
  if (values.length <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = (values[i] ?? 0) - (values[i - 1] ?? 0);
    if (d > 0) gain += d;
    else loss -= d;
  }
  gain /= period;
  loss /= period;
  const value = (): number => (gain + loss === 0 ? 50 : (100 * gain) / (gain + loss));
  out[period] = value();
  for (let i = period + 1; i < values.length; i++) {
    const d = (values[i] ?? 0) - (values[i - 1] ?? 0);
    gain = (gain * (period - 1) + Math.max(d, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-d, 0)) / period;
    out[i] = value();
  }
  return out;
}

export interface Macd {
  readonly macd: Series;
  readonly signal: Series;
  readonly histogram: Series;
}

export function macd(values: readonly number[], fast = 12, slow = 26, signalPeriod = 9): Macd {
  // As TA-Lib: the fast EMA is seeded so that it starts on the same bar as the slow one.
  const offset = Math.max(0, slow - fast);
  const fastLine: Series = [
    ...new Array<number | null>(Math.min(offset, values.length)).fill(null),
    ...ema(values.slice(offset), fast),
  ];
  const slowLine = ema(values, slow);
  const line: Series = values.map((_, i) => {
    const f = fastLine[i];
    const s = slowLine[i];
    return f === null || f === undefined || s === null || s === undefined ? null : f - s;
  });
  const start = line.findIndex((v) => v !== null);
  const signal: Series = new Array<number | null>(values.length).fill(null);
  if (start !== -1) {
    const tail = ema(line.slice(start) as number[], signalPeriod);
    tail.forEach((v, i) => (signal[start + i] = v));
  }
  const histogram: Series = line.map((v, i) => {
    const s = signal[i];
    return v === null || s === null || s === undefined ? null : v - s;
  });
  return { macd: line, signal, histogram };
}
