import { TIMEFRAME_MS, type Timeframe } from '../../../../src-shared/domain/candle';
import type { CalibrationProgress } from '../../../../src-shared/contract/calibration';
import {
  chooseMarketSources,
  marketFileGroups,
  resampleMarket,
  type ReplayPlan,
} from '../replay-plan';
import { ScannerCore } from '../scanner-core';
import { validateScannerConfig, type ScannerConfig } from '../scoring/scanner-config';
import { calibrationPoints } from './calibration-points';
import {
  DEFAULT_WALK_FORWARD,
  walkForward,
  type WalkForwardPlan,
  type WalkForwardResult,
} from './walk-forward';

/** One market and timeframe's walk-forward calibration, with where its data came from. */
export interface MarketCalibration {
  readonly exchange: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** The candle file the market was replayed from (no folder). */
  readonly file: string;
  /** Open time of the first and close time of the last bar of that timeframe, epoch ms. */
  readonly dataFrom: number;
  readonly dataTo: number;
  readonly bars: number;
  readonly result: Omit<WalkForwardResult, 'forecasts'>;
}

export interface CalibrationReport {
  readonly plan: WalkForwardPlan;
  readonly targetAtr: number;
  readonly calibrations: MarketCalibration[];
  readonly skipped: ReplayPlan['skipped'];
}

/**
 * Calibrates every market of a folder on every configured timeframe, walk-forward. For each
 * timeframe the folder is replayed with that timeframe as the shortest (so each market's
 * source is the file giving it the most bars, as `vigil scan --timeframes` would pick) and
 * the longer configured timeframes beside it, which give its confluence exactly as in the
 * running scanner. Deterministic: the same files give the same report.
 */
export async function calibrateFolder(
  dir: string,
  config: ScannerConfig,
  plan: WalkForwardPlan = DEFAULT_WALK_FORWARD,
  onProgress: (progress: CalibrationProgress) => void = () => {},
): Promise<CalibrationReport> {
  validateScannerConfig(config);
  const sorted = [...config.timeframes].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b]);
  const calibrations: MarketCalibration[] = [];
  const skipped = new Map<string, string>();
  // Every pass visits the folder's markets once: progress counts market timeframes.
  const markets = marketFileGroups(dir).length;
  const total = markets * sorted.length;
  let fitted: string | null = null;
  onProgress({ done: 0, total, last: fitted });
  for (const [pass, timeframe] of sorted.entries()) {
    let visitedInPass = 0;
    const timeframes = sorted.filter((tf) => TIMEFRAME_MS[tf] >= TIMEFRAME_MS[timeframe]);
    const core = new ScannerCore({ ...config, timeframes });
    const visited = await chooseMarketSources(dir, timeframes, (chosen) => {
      const market = resampleMarket(chosen, timeframes);
      const candles = market.series[0]?.candles ?? [];
      const first = candles[0];
      const last = candles.at(-1);
      if (first === undefined || last === undefined) return;
      const points = calibrationPoints(core, market, timeframe, plan.horizonBars);
      const { forecasts: _forecasts, ...result } = walkForward(points, plan);
      const done: MarketCalibration = {
        exchange: chosen.exchange,
        symbol: chosen.symbol,
        timeframe,
        file: chosen.file,
        dataFrom: first.openTime,
        dataTo: last.openTime + TIMEFRAME_MS[timeframe],
        bars: candles.length,
        result,
      };
      calibrations.push(done);
      visitedInPass += 1;
      fitted = `${chosen.exchange} ${chosen.symbol} ${timeframe}`;
      onProgress({ done: pass * markets + visitedInPass, total, last: fitted });
    });
    // Markets with no usable file for this pass count as done too.
    if (visitedInPass < markets) onProgress({ done: (pass + 1) * markets, total, last: fitted });
    // A file refused for one timeframe may serve another: only what no pass used is reported.
    for (const s of visited.skipped) if (!skipped.has(s.file)) skipped.set(s.file, s.reason);
  }
  const used = new Set(calibrations.map((c) => c.file));
  return {
    plan,
    targetAtr: config.costs.targetAtr,
    calibrations: calibrations.sort(
      (a, b) =>
        compare(a.exchange, b.exchange) ||
        compare(a.symbol, b.symbol) ||
        TIMEFRAME_MS[a.timeframe] - TIMEFRAME_MS[b.timeframe],
    ),
    skipped: [...skipped]
      .filter(([file]) => !used.has(file))
      .map(([file, reason]) => ({ file, reason }))
      .sort((a, b) => compare(a.file, b.file)),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
