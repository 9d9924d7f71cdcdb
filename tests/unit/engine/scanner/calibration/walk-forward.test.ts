import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrationPoints } from '../../../../../src-main/engine/scanner/calibration/calibration-points';
import {
  DEFAULT_WALK_FORWARD,
  walkForward,
  type CalibrationPoint,
} from '../../../../../src-main/engine/scanner/calibration/walk-forward';
import { buildReplayPlan } from '../../../../../src-main/engine/scanner/replay-plan';
import { ScannerCore } from '../../../../../src-main/engine/scanner/scanner-core';
import { DEFAULT_SCANNER_CONFIG } from '../../../../../src-main/engine/scanner/scoring/scanner-config';
import { defined } from '../../../../support/defined';
import { sharedCandleFile } from '../../../../support/candle-data';
import { useTempDirs } from '../../../../support/temp-dir';

const plan = DEFAULT_WALK_FORWARD;

describe('walk-forward calibration on real candles (Binance BTC/USDT 1h, May-June 2018)', () => {
  const tempDir = useTempDirs();
  let points: CalibrationPoint[] = [];

  beforeAll(async () => {
    const dir = tempDir();
    copyFileSync(sharedCandleFile('binance_BTC-USDT_1h.csv'), join(dir, 'binance_BTC-USDT_1h.csv'));
    const replay = await buildReplayPlan(dir, ['1h', '4h']);
    const core = new ScannerCore({ ...DEFAULT_SCANNER_CONFIG, timeframes: ['1h', '4h'] });
    points = calibrationPoints(core, defined(replay.markets[0]), '1h', plan.horizonBars);
  });

  it('labels every directional signal whose horizon is inside the data, in bar order', () => {
    expect(points.length).toBeGreaterThan(500);
    for (let i = 1; i < points.length; i += 1)
      expect(defined(points[i]).bar).toBeGreaterThan(defined(points[i - 1]).bar);
    const wins = points.filter((p) => p.moved).length;
    expect(wins).toBeGreaterThan(0);
    expect(wins).toBeLessThan(points.length);
  });

  it('rolls fit-then-test windows that never overlap, purged of outcomes inside the test block', () => {
    const result = walkForward(points, plan);
    expect(result.folds.length).toBe(plan.blocks - plan.trainBlocks);
    for (const fold of result.folds) {
      // A training signal's outcome bars (bar+1 .. bar+horizon) all lie before the test block.
      expect(fold.trainBars[1] - 1 + plan.horizonBars).toBeLessThan(fold.testBars[0]);
    }
    // Each fold tests the block after the previous fold's.
    for (let i = 1; i < result.folds.length; i += 1)
      expect(defined(result.folds[i]).testBars[0]).toBe(defined(result.folds[i - 1]).testBars[1]);
  });

  it("the reliability table's counts add up to the out-of-sample sample", () => {
    const result = walkForward(points, plan);
    const tested = result.folds
      .filter((f) => f.coefficients !== null)
      .reduce((n, f) => n + f.testSamples, 0);
    expect(result.scores.outOfSample).toBe(tested);
    expect(result.scores.reliability.reduce((n, b) => n + b.count, 0)).toBe(tested);
    const won = result.scores.reliability.reduce(
      (n, b) => n + (b.observed === null ? 0 : Math.round(b.observed * b.count)),
      0,
    );
    expect(won).toBe(result.forecasts.filter((f) => f.won).length);
  });

  it('cannot use a pattern planted in the future: forecasts before it are unchanged, and the fit that sees it learns it', () => {
    const clean = walkForward(points, plan);
    const lastFold = defined(clean.folds.at(-1));
    const plantFrom = lastFold.testBars[0];
    // Synthetic outcomes (the only synthetic part): from the last test block on, a signal
    // wins exactly when its score is strong. Real candles cannot give an edge this sharp.
    const planted = points.map((p) => (p.bar >= plantFrom ? { ...p, moved: p.strength > 0.3 } : p));
    const dirty = walkForward(planted, plan);
    // Every fold's fitted mapping is the same: none was trained on a bar of the planted block.
    expect(dirty.folds.map((f) => f.coefficients)).toEqual(clean.folds.map((f) => f.coefficients));
    expect(dirty.forecasts.map((f) => f.p)).toEqual(clean.forecasts.map((f) => f.p));
    expect(dirty.forecasts.map((f) => f.base)).toEqual(clean.forecasts.map((f) => f.base));
    // The pattern is learnable: the latest window, which includes the planted bars, picks it up.
    const seen = defined(dirty.deployed.coefficients);
    expect(seen.scoreSlope).toBeGreaterThan(defined(clean.deployed.coefficients).scoreSlope + 5);
  });

  it('purges: outcomes that end inside the test block (planted in the horizon before it) change nothing', () => {
    const clean = walkForward(points, plan);
    const lastFold = defined(clean.folds.at(-1));
    const testFrom = lastFold.testBars[0];
    // Synthetic: signals in the horizon just before the last test block all win (outcomes
    // read from bars inside that block). The last fold must not train on them.
    const planted = points.map((p) =>
      p.bar >= testFrom - plan.horizonBars && p.bar < testFrom ? { ...p, moved: true } : p,
    );
    const dirty = walkForward(planted, plan);
    expect(defined(dirty.folds.at(-1)).coefficients).toEqual(lastFold.coefficients);
    expect(defined(dirty.folds.at(-1)).baseRate).toEqual(lastFold.baseRate);
  });

  it('is deterministic', () => {
    expect(walkForward(points, plan)).toEqual(walkForward(points, plan));
  });
});
