import {
  fitProbabilityCalibration,
  probabilityOf,
  type CalibrationSample,
  type ProbabilityCoefficients,
} from '../scoring/probability';
import {
  brierScore,
  logLoss,
  reliabilityTable,
  type Forecast,
  type ReliabilityBin,
} from './calibration-metrics';

/**
 * One directional signal of one market and timeframe, with its outcome. `bar` is the index of
 * the signal's bar in that timeframe's candle series: the outcome was read from bars
 * bar+1 .. bar+horizonBars, which is what the walk-forward purge works with.
 */
export interface CalibrationPoint extends CalibrationSample {
  readonly bar: number;
  /** Close time of the signal's bar, epoch ms. */
  readonly at: number;
}

/** How the walk-forward cuts the history. */
export interface WalkForwardPlan {
  /** Bars after the signal within which the target must be hit before the stop. */
  readonly horizonBars: number;
  /** The evaluated bars are cut into this many equal blocks. */
  readonly blocks: number;
  /** A fit uses this many blocks just before its test block (rolling), less the purge. */
  readonly trainBlocks: number;
  /** A fold whose training window has fewer signals is skipped (the fit needs 30). */
  readonly minTrainSamples: number;
  /** Fewer out-of-sample forecasts than this cannot show an edge: the market stays uncalibrated. */
  readonly minOutOfSample: number;
}

export const DEFAULT_WALK_FORWARD: WalkForwardPlan = {
  horizonBars: 16,
  blocks: 8,
  trainBlocks: 3,
  minTrainSamples: 30,
  minOutOfSample: 200,
};

export interface Fold {
  /** Bar range of the training signals, [from, to). */
  readonly trainBars: readonly [number, number];
  /** Bar range of the test signals, [from, to). */
  readonly testBars: readonly [number, number];
  readonly trainSamples: number;
  readonly testSamples: number;
  /** Null when the fold was skipped (then `skipped` says why). */
  readonly coefficients: ProbabilityCoefficients | null;
  readonly baseRate: number | null;
  readonly skipped: string | null;
}

export interface WalkForwardScores {
  readonly samples: number;
  readonly outOfSample: number;
  /** Share of the out-of-sample signals that won. */
  readonly observedRate: number | null;
  readonly brier: number | null;
  readonly baseBrier: number | null;
  readonly logLoss: number | null;
  readonly baseLogLoss: number | null;
  readonly reliability: ReliabilityBin[];
}

export interface WalkForwardResult {
  readonly folds: Fold[];
  readonly forecasts: Forecast[];
  readonly scores: WalkForwardScores;
  /** The same fit on the latest training window: what the scanner would use. */
  readonly deployed: {
    readonly coefficients: ProbabilityCoefficients | null;
    readonly bars: readonly [number, number];
    readonly samples: number;
    readonly fromAt: number | null;
    readonly toAt: number | null;
  };
  /** Whether the scanner may use `deployed`; otherwise why not. */
  readonly usable: boolean;
  readonly verdict: string;
}

/**
 * Walk-forward calibration: the evaluated bars are cut into `blocks` equal blocks; for each
 * block after the first `trainBlocks`, the mapping is fitted on the signals of the
 * `trainBlocks` blocks before it and forecasts that block's signals, then the window rolls on.
 * Purge: a training signal's outcome must be known before the test block starts, so signals
 * in the last `horizonBars` bars before it are left out (their outcome bars lie in the test
 * block). A forecast therefore depends only on bars before its test block. The base rate a
 * fold is compared with is its own training window's win rate: the best constant forecast
 * known at that time. Pure and deterministic.
 */
export function walkForward(
  points: readonly CalibrationPoint[],
  plan: WalkForwardPlan = DEFAULT_WALK_FORWARD,
): WalkForwardResult {
  const sorted = [...points].sort((a, b) => a.bar - b.bar);
  const first = sorted[0]?.bar ?? 0;
  const end = (sorted.at(-1)?.bar ?? -1) + 1;
  const blockLen = Math.max(1, Math.ceil((end - first) / plan.blocks));
  const folds: Fold[] = [];
  const forecasts: Forecast[] = [];
  for (let k = plan.trainBlocks; k < plan.blocks; k += 1) {
    const testFrom = first + k * blockLen;
    const testTo = Math.min(end, testFrom + blockLen);
    if (testFrom >= end) break;
    const trainBars: [number, number] = [
      testFrom - plan.trainBlocks * blockLen,
      testFrom - plan.horizonBars,
    ];
    const train = within(sorted, trainBars);
    const test = within(sorted, [testFrom, testTo]);
    const fold = fitFold(train, trainBars, [testFrom, testTo], test.length, plan);
    folds.push(fold);
    if (fold.coefficients === null || fold.baseRate === null) continue;
    for (const s of test) {
      forecasts.push({
        p: probabilityOf(s.strength * 100, s.confluence, fold.coefficients),
        base: fold.baseRate,
        won: s.moved,
      });
    }
  }
  const deployedBars: [number, number] = [end - plan.trainBlocks * blockLen, end];
  const latest = within(sorted, deployedBars);
  const deployed = {
    coefficients: latest.length >= plan.minTrainSamples ? fitOrNull(latest) : null,
    bars: deployedBars,
    samples: latest.length,
    fromAt: latest[0]?.at ?? null,
    toAt: latest.at(-1)?.at ?? null,
  };
  const scores = score(sorted.length, forecasts);
  const verdict = judge(scores, deployed.coefficients, plan);
  return {
    folds,
    forecasts,
    scores,
    deployed,
    usable: verdict === null,
    verdict: verdict ?? 'beats the base rate out of sample',
  };
}

function within(
  sorted: readonly CalibrationPoint[],
  [from, to]: readonly [number, number],
): CalibrationPoint[] {
  return sorted.filter((p) => p.bar >= from && p.bar < to);
}

function fitOrNull(samples: readonly CalibrationPoint[]): ProbabilityCoefficients | null {
  try {
    return fitProbabilityCalibration(samples);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

function fitFold(
  train: readonly CalibrationPoint[],
  trainBars: readonly [number, number],
  testBars: readonly [number, number],
  testSamples: number,
  plan: WalkForwardPlan,
): Fold {
  const base = { trainBars, testBars, trainSamples: train.length, testSamples };
  if (train.length < plan.minTrainSamples)
    return {
      ...base,
      coefficients: null,
      baseRate: null,
      skipped: `${train.length} training signals, fewer than ${plan.minTrainSamples}`,
    };
  const coefficients = fitOrNull(train);
  if (coefficients === null)
    return { ...base, coefficients: null, baseRate: null, skipped: 'no variation to fit' };
  const baseRate = train.filter((s) => s.moved).length / train.length;
  return { ...base, coefficients, baseRate, skipped: null };
}

function score(samples: number, forecasts: readonly Forecast[]): WalkForwardScores {
  const reliability = reliabilityTable(forecasts);
  if (forecasts.length === 0)
    return {
      samples,
      outOfSample: 0,
      observedRate: null,
      brier: null,
      baseBrier: null,
      logLoss: null,
      baseLogLoss: null,
      reliability,
    };
  return {
    samples,
    outOfSample: forecasts.length,
    observedRate: forecasts.filter((f) => f.won).length / forecasts.length,
    brier: brierScore(forecasts, (f) => f.p),
    baseBrier: brierScore(forecasts, (f) => f.base),
    logLoss: logLoss(forecasts, (f) => f.p),
    baseLogLoss: logLoss(forecasts, (f) => f.base),
    reliability,
  };
}

/** Null when the mapping may be used; otherwise the reason it may not. */
function judge(
  s: WalkForwardScores,
  deployed: ProbabilityCoefficients | null,
  plan: WalkForwardPlan,
): string | null {
  if (s.outOfSample < plan.minOutOfSample)
    return `${s.outOfSample} out-of-sample signals, fewer than ${plan.minOutOfSample}: too few to show an edge`;
  const {
    brier,
    baseBrier,
    logLoss: ll,
    baseLogLoss,
  } = s as Required<{
    [K in keyof WalkForwardScores]: NonNullable<WalkForwardScores[K]>;
  }>;
  if (!(brier < baseBrier))
    return `out-of-sample Brier ${brier.toFixed(4)} does not beat the base rate's ${baseBrier.toFixed(4)}`;
  if (!(ll < baseLogLoss))
    return `out-of-sample log loss ${ll.toFixed(4)} does not beat the base rate's ${baseLogLoss.toFixed(4)}`;
  if (deployed === null) return 'the latest window has too few signals to fit';
  if (deployed.scoreSlope < 0 || deployed.confluenceSlope < 0)
    return 'the latest fit is not monotone (a stronger score would mean a lower P): the factors carry no usable edge there';
  return null;
}
