/** One out-of-sample forecast: what the mapping said, what the base rate said, what happened. */
export interface Forecast {
  readonly p: number;
  readonly base: number;
  readonly won: boolean;
}

/** One bin of the reliability table: forecasts with p in [from, to). */
export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Mean forecast in the bin (null when empty). */
  readonly meanPredicted: number | null;
  /** Share of the bin's signals that won (null when empty). */
  readonly observed: number | null;
}

/** Probabilities are clipped this far from 0 and 1 for the log loss (a sure miss would be infinite). */
export const LOG_LOSS_EPSILON = 1e-6;

export function brierScore(forecasts: readonly Forecast[], pick: (f: Forecast) => number): number {
  let total = 0;
  for (const f of forecasts) {
    const d = pick(f) - (f.won ? 1 : 0);
    total += d * d;
  }
  return total / forecasts.length;
}

export function logLoss(forecasts: readonly Forecast[], pick: (f: Forecast) => number): number {
  let total = 0;
  for (const f of forecasts) {
    const p = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, pick(f)));
    total -= f.won ? Math.log(p) : Math.log(1 - p);
  }
  return total / forecasts.length;
}

/**
 * Reliability table of `bins` equal-width bins over [0, 1] (the last bin includes 1): every
 * forecast lands in exactly one bin, so the counts add up to the sample.
 */
export function reliabilityTable(forecasts: readonly Forecast[], bins = 10): ReliabilityBin[] {
  const count = new Array<number>(bins).fill(0);
  const predicted = new Array<number>(bins).fill(0);
  const won = new Array<number>(bins).fill(0);
  for (const f of forecasts) {
    const bin = Math.min(bins - 1, Math.floor(f.p * bins));
    count[bin] = (count[bin] as number) + 1;
    predicted[bin] = (predicted[bin] as number) + f.p;
    if (f.won) won[bin] = (won[bin] as number) + 1;
  }
  return count.map((n, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: n,
    meanPredicted: n === 0 ? null : (predicted[i] as number) / n,
    observed: n === 0 ? null : (won[i] as number) / n,
  }));
}
