import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../../src-shared/domain/candle';
import type { ScannerSignal } from '../../../../src-shared/contract/scanner';
import { IndicatorSet } from '../indicators/indicator-set';
import { labelMove, type CalibrationSample } from './probability';

/**
 * Turns a replay's primary-timeframe signals into calibration samples: for each bar with a
 * directional signal, x = (|score| / 100, confluence) and y = whether price moved
 * `targetAtr` ATRs in the signal's direction before moving as far against it within
 * `horizon` bars (labelMove). ATR is recomputed from the same candles with the same streaming
 * indicator, so it is the ATR the scanner saw. Bars whose horizon runs past the data are left
 * out rather than guessed.
 */
export function calibrationSamples(
  candles: readonly Candle[],
  timeframe: Timeframe,
  signals: readonly ScannerSignal[],
  targetAtr: number,
  horizon: number,
): CalibrationSample[] {
  const byClose = new Map<number, ScannerSignal>();
  for (const s of signals) byClose.set(s.at, s);
  const indicators = new IndicatorSet();
  const samples: CalibrationSample[] = [];
  candles.forEach((candle, index) => {
    const atr = indicators.update(candle).atr14;
    const signal = byClose.get(candle.openTime + TIMEFRAME_MS[timeframe]);
    if (
      signal === undefined ||
      atr === null ||
      signal.direction === 'flat' ||
      signal.tier === 'FAILED'
    )
      return;
    const moved = labelMove(
      candles,
      index,
      signal.direction === 'long' ? 1 : -1,
      targetAtr * atr,
      horizon,
    );
    // A FAILED signal has no score: nothing to learn from that bar.
    if (moved === null || signal.score === null || signal.confluence === null) return;
    samples.push({
      strength: Math.abs(signal.score) / 100,
      confluence: signal.confluence,
      moved,
    });
  });
  return samples;
}
