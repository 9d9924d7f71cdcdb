import type { PanicAlarm } from './panic-types';

/** Fewer samples than this and there is no "normal" to compare against yet. */
const MIN_SAMPLES = 10;

/**
 * A spread beyond spreadMultiple x its recent median. The median (not the mean) is the normal,
 * so one wide print does not raise the bar for the next.
 */
export class SpreadBlowoutDetector {
  private readonly windows = new Map<string, number[]>();

  observe(
    symbol: string,
    bid: number,
    ask: number,
    multiple: number,
    windowSize: number,
  ): PanicAlarm | null {
    if (!(bid > 0) || !(ask >= bid) || !Number.isFinite(ask))
      throw new Error(`SpreadBlowoutDetector: bad quote for ${symbol}: bid ${bid}, ask ${ask}`);
    const spreadBps = ((ask - bid) / ((ask + bid) / 2)) * 10_000;
    let window = this.windows.get(symbol);
    if (window === undefined) {
      window = [];
      this.windows.set(symbol, window);
    }
    let alarm: PanicAlarm | null = null;
    if (window.length >= MIN_SAMPLES) {
      const normal = median(window);
      if (normal > 0 && spreadBps > normal * multiple) {
        alarm = {
          detector: 'spread',
          reason: `${symbol} spread ${spreadBps.toFixed(1)} bp is over ${multiple}x its recent normal ${normal.toFixed(1)} bp`,
          numbers: { spreadBps, normalBps: normal, multiple },
        };
      }
    }
    window.push(spreadBps);
    if (window.length > windowSize) window.splice(0, window.length - windowSize);
    return alarm;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
