import type { Timeframe } from '../../../src-shared/domain/candle';
import { candleAt, type Timeline, type TimelineSeries } from '../market/replay-timeline';
import { scannerCandle } from './scanner-candle';
import type { ScanStep, ScannerCore } from './scanner-core';

/** Bars of the longest scanned timeframe a replay keeps as history before its start. */
export const WARMUP_BARS = 64;

/**
 * Runs a replay's history (its first `cursor` bar closes, in timeline order) through the
 * scanner and returns the last evaluation of each market and timeframe: what the board shows
 * the moment the replay starts. Bars of timeframes the scanner is not configured for are
 * skipped. Deterministic: the same history gives the same board. The signals come without
 * their contributions: `core.explain` builds them (until the market's next bar).
 */
export function warmFromHistory(core: ScannerCore, timeline: Timeline, cursor: number): ScanStep[] {
  const scanned = new Set<Timeframe>(core.timeframes);
  const latest = new Map<string, ScanStep>();
  for (let e = 0; e < cursor; e += 1) {
    const series = timeline.series[timeline.seriesOf[e] as number] as TimelineSeries;
    if (!scanned.has(series.key.timeframe)) continue;
    const { exchange, symbol, timeframe } = series.key;
    // Lean: the board needs rows; a market's contributions are built when it is explained.
    const step = core.onCandle(
      scannerCandle(exchange, symbol, timeframe, candleAt(series, timeline.indexOf[e] as number)),
      false,
    );
    if (step.signal !== null) latest.set(series.id, { ...step, tierChange: null });
  }
  return [...latest.values()];
}
