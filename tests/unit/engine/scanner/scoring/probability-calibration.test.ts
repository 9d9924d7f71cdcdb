import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScannerSignal } from '../../../../../src-shared/contract/scanner';
import { buildReplayPlan, marketEvents } from '../../../../../src-main/engine/scanner/replay-plan';
import { defined } from '../../../../support/defined';
import { ScannerCore } from '../../../../../src-main/engine/scanner/scanner-core';
import { calibrationSamples } from '../../../../../src-main/engine/scanner/scoring/calibration';
import {
  fitProbabilityCalibration,
  probabilityOf,
} from '../../../../../src-main/engine/scanner/scoring/probability';
import { DEFAULT_SCANNER_CONFIG } from '../../../../../src-main/engine/scanner/scoring/scanner-config';
import { sharedCandleFile } from '../../../../support/candle-data';
import { useTempDirs } from '../../../../support/temp-dir';

const HORIZON = 16;

describe('probability calibration on history', () => {
  const tempDir = useTempDirs();

  it('fits on the first 60% of FTX BTC-PERP 15m and is calibrated out of sample', async () => {
    const dir = tempDir();
    copyFileSync(sharedCandleFile('ftx_BTC-PERP_1m.csv'), join(dir, 'ftx_BTC-PERP_1m.csv'));
    const plan = await buildReplayPlan(dir, ['15m', '1h', '4h']);
    const events = marketEvents(defined(plan.markets[0]));
    const core = new ScannerCore(DEFAULT_SCANNER_CONFIG);
    const signals: ScannerSignal[] = [];
    for (const event of events) {
      const step = core.onCandle(event);
      if (step.signal !== null) signals.push(step.signal);
    }
    const bars = events.filter((e) => e.timeframe === '15m').map((e) => e.candle);
    const samples = calibrationSamples(
      bars,
      '15m',
      signals,
      DEFAULT_SCANNER_CONFIG.costs.targetAtr,
      HORIZON,
    );
    expect(samples.length).toBeGreaterThan(2500);
    const cut = Math.floor(samples.length * 0.6);
    const train = samples.slice(0, cut);
    const test = samples.slice(cut);
    const fitted = fitProbabilityCalibration(train);
    const predicted = test.map((s) => probabilityOf(s.strength * 100, s.confluence, fitted));
    const meanPredicted = predicted.reduce((a, b) => a + b, 0) / test.length;
    const observed = test.filter((s) => s.moved).length / test.length;
    // Calibration in the large, out of sample.
    expect(Math.abs(meanPredicted - observed)).toBeLessThan(0.05);
    // Deterministic: the same history gives the same coefficients.
    expect(fitProbabilityCalibration(train)).toEqual(fitted);
    // The shipped prior is not more optimistic than this history supports on average.
    const prior = test.map((s) =>
      probabilityOf(s.strength * 100, s.confluence, DEFAULT_SCANNER_CONFIG.probability),
    );
    const meanPrior = prior.reduce((a, b) => a + b, 0) / test.length;
    expect(meanPrior).toBeLessThanOrEqual(observed + 0.1);
  }, 60_000); // replays 45k candles
});
