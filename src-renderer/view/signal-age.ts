import { TIMEFRAME_MS } from '../../src-shared/domain/candle';
import type { SignalView } from './signal-view';
import { filterSignals, sortSignals } from './sort-signals';

/**
 * A signal older than this many of its own bars is stale: its market stopped producing bars
 * (its data ended, or a gap), so it describes a past market, not this one.
 */
export const STALE_AFTER_BARS = 3;

/** Feed-clock age of a signal (0 when the feed clock is behind it or unknown). */
export function signalAge(signal: SignalView, feedTime: number | null): number {
  return feedTime === null ? 0 : Math.max(0, feedTime - signal.at);
}

export function isStale(signal: SignalView, feedTime: number | null): boolean {
  return signalAge(signal, feedTime) > STALE_AFTER_BARS * TIMEFRAME_MS[signal.timeframe];
}

/** The board's order: fresh rows by tier and P, then stale ones the same way. */
export function boardOrder(
  signals: readonly SignalView[],
  filter: string,
  feedTime: number | null,
): SignalView[] {
  const sorted = filterSignals(sortSignals(signals), filter);
  return [
    ...sorted.filter((s) => !isStale(s, feedTime)),
    ...sorted.filter((s) => isStale(s, feedTime)),
  ];
}
