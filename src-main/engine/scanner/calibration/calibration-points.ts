import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../../src-shared/domain/candle';
import { marketEvents, type MarketReplay } from '../replay-plan';
import type { ScannerCore } from '../scanner-core';
import { labelMove } from '../scoring/probability';
import type { CalibrationPoint } from './walk-forward';

/**
 * One market's calibration points on one timeframe, from the scanner's own evaluation path:
 * the market is replayed through `core` in replay order (marketEvents, as `vigil scan` and
 * the running scanner see it), and every directional, non-FAILED signal on `timeframe`
 * becomes a point x = (|score| / 100, confluence). Its outcome is what the signal's own levels
 * would have done: won = price reached the signal's target (close + targetAtr x ATR in its
 * direction) before its stop (the same distance against it) within `horizonBars` later bars
 * of that timeframe; a bar touching both counts as the stop (conservative), touching neither
 * by the horizon counts as not won. Bars whose horizon runs past the data have no point.
 */
export function calibrationPoints(
  core: ScannerCore,
  market: MarketReplay,
  timeframe: Timeframe,
  horizonBars: number,
): CalibrationPoint[] {
  const series = market.series.find((s) => s.timeframe === timeframe);
  if (series === undefined) return [];
  const candles: readonly Candle[] = series.candles;
  const points: CalibrationPoint[] = [];
  let bar = -1;
  for (const event of marketEvents(market)) {
    const step = core.onCandle(event, false);
    if (event.timeframe !== timeframe) continue;
    bar += 1;
    const s = step.signal;
    if (s === null || s.tier === 'FAILED' || s.direction === 'flat' || s.levels === null) continue;
    if (s.score === null || s.confluence === null) continue;
    // The signal belongs to this bar: the scanner grades a bar at its close.
    if (s.at !== (candles[bar] as Candle).openTime + TIMEFRAME_MS[timeframe])
      throw new Error(`calibration: signal at ${s.at} does not match bar ${bar} of ${timeframe}`);
    const won = labelMove(
      candles,
      bar,
      s.direction === 'long' ? 1 : -1,
      s.levels.atrMultiple * s.levels.atr,
      horizonBars,
    );
    if (won === null) continue;
    points.push({
      bar,
      at: s.at,
      strength: Math.abs(s.score) / 100,
      confluence: s.confluence,
      moved: won,
    });
  }
  return points;
}
