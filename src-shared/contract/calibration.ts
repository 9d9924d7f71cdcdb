import { z } from 'zod';
import { TimeframeSchema } from '../domain/candle';

/** One bin of a reliability table: out-of-sample forecasts with P in [from, to). */
export const ReliabilityBinSchema = z.object({
  from: z.number(),
  to: z.number(),
  count: z.number().int().nonnegative(),
  /** Mean forecast P in the bin; null when the bin is empty. */
  meanPredicted: z.number().nullable(),
  /** Share of the bin's signals whose target was hit before the stop; null when empty. */
  observed: z.number().nullable(),
});
export type ReliabilityBin = z.infer<typeof ReliabilityBinSchema>;

export const ProbabilityCoefficientsSchema = z.object({
  intercept: z.number(),
  scoreSlope: z.number(),
  confluenceSlope: z.number(),
});

/**
 * A stored calibration of one market and timeframe, with its provenance: what data it was
 * fitted on, when, on how many signals, and how it scored out of sample against the base rate.
 * The scanner uses `coefficients` only when `usable` (it beat the base rate out of sample) and
 * the scanner configuration is still the one it was made with.
 */
export const CalibrationSchema = z.object({
  exchange: z.string(),
  symbol: z.string(),
  timeframe: TimeframeSchema,
  /** The candle file the market was replayed from. */
  file: z.string(),
  /** First bar's open and last bar's close, epoch ms. */
  dataFrom: z.number().int(),
  dataTo: z.number().int(),
  /** When the calibration was run (wall clock), epoch ms. */
  fittedAt: z.number().int(),
  /** Directional signals with a known outcome in the data. */
  samples: z.number().int().nonnegative(),
  /** Walk-forward forecasts scored out of sample. */
  outOfSample: z.number().int().nonnegative(),
  folds: z.number().int().nonnegative(),
  /** Signals in the latest window, which the stored mapping was fitted on. */
  fitSamples: z.number().int().nonnegative(),
  fitFrom: z.number().int().nullable(),
  fitTo: z.number().int().nullable(),
  observedRate: z.number().nullable(),
  brier: z.number().nullable(),
  baseBrier: z.number().nullable(),
  logLoss: z.number().nullable(),
  baseLogLoss: z.number().nullable(),
  reliability: z.array(ReliabilityBinSchema),
  coefficients: ProbabilityCoefficientsSchema.nullable(),
  usable: z.boolean(),
  /** Why it is (not) used: "beats the base rate out of sample", or what it failed. */
  verdict: z.string(),
  /** The outcome's definition: target before stop (targetAtr x ATR each side) within N bars. */
  horizonBars: z.number().int().positive(),
  targetAtr: z.number().positive(),
  /** The scanner configuration it was made with (weights, standardization, timeframes, target). */
  configFingerprint: z.string(),
  /** False when the running scanner's configuration differs: then it is not used. */
  current: z.boolean(),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

export const CalibrationRunSchema = z.object({
  /** The folder the calibration read. */
  data: z.string(),
  calibrations: z.array(CalibrationSchema),
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
});
export type CalibrationRun = z.infer<typeof CalibrationRunSchema>;

/** How far a calibration run has got: market timeframes fitted of all it will fit. */
export const CalibrationProgressSchema = z.object({
  /** Market timeframes done so far (fitted, or found to have no usable file). */
  done: z.number().int().nonnegative(),
  /** The folder's markets times the scanner's timeframes. */
  total: z.number().int().nonnegative(),
  /** The market and timeframe fitted last ("binance ETH/USDT 1h"), null before the first. */
  last: z.string().nullable(),
});
export type CalibrationProgress = z.infer<typeof CalibrationProgressSchema>;

export const calibrationEvents = {
  /** A calibration run stored new calibrations (the board re-grades with them). */
  calibrationsChanged: z.object({ calibrations: z.array(CalibrationSchema) }),
  /** The running calibration fitted another market timeframe (one run at a time per engine). */
  calibrationProgressed: CalibrationProgressSchema,
} as const;

export const calibrationCommands = {
  /**
   * Fits the probability mapping walk-forward on a folder of candle files (absolute path;
   * omitted: the replay folder the engine plays), stores each market and timeframe's
   * calibration with its provenance, and makes the scanner use those that beat the base rate.
   * Runs off the engine's main thread.
   */
  calibrate: {
    input: z.object({ data: z.string().min(1).optional() }).strict(),
    output: CalibrationRunSchema,
  },
  /**
   * Stops the running calibration (its worker ends at once); its calibrate call then fails
   * with "cancelled" and nothing of it is stored: the calibrations in use stay as they were.
   */
  cancelCalibration: {
    input: z.object({}).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** Every stored calibration, by market and timeframe. */
  listCalibrations: {
    input: z.object({}).strict(),
    output: z.array(CalibrationSchema),
  },
} as const;
