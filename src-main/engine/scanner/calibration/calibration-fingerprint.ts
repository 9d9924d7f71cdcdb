import { createHash } from 'node:crypto';
import { TIMEFRAME_MS, type Timeframe } from '../../../../src-shared/domain/candle';
import { canonicalJson } from '../../audit/canonical-json';
import type { ScannerConfig } from '../scoring/scanner-config';

/**
 * What a calibration's samples depend on besides the candles: the score (weights and the
 * standardization chain), the confluence (the longer timeframes), the outcome (target distance
 * and horizon). A calibration made under another configuration describes another score, so
 * the scanner does not use it.
 */
export function calibrationFingerprint(
  config: ScannerConfig,
  timeframe: Timeframe,
  horizonBars: number,
): string {
  const longer = [...config.timeframes]
    .filter((tf) => TIMEFRAME_MS[tf] >= TIMEFRAME_MS[timeframe])
    .sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b]);
  const basis = {
    weights: config.weights,
    standardization: config.standardization,
    targetAtr: config.costs.targetAtr,
    timeframes: longer,
    horizonBars,
  };
  return createHash('sha256').update(canonicalJson(basis)).digest('hex').slice(0, 16);
}
