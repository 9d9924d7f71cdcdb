import { z } from 'zod';
import { TimeframeSchema } from '../domain/candle';

/** Scanner tiers, best first. FAILED: a factor threw or saw invalid input; never a guess. */
export const TierSchema = z.enum(['PRIME', 'WATCH', 'IGNORE', 'FAILED']);
export type Tier = z.infer<typeof TierSchema>;

export const DirectionSchema = z.enum(['long', 'short', 'flat']);
export type Direction = z.infer<typeof DirectionSchema>;

export const FactorNameSchema = z.enum([
  'trend',
  'momentum',
  'meanReversion',
  'breakout',
  'volume',
  'volatility',
  'liquidity',
  'dataQuality',
]);
export type FactorName = z.infer<typeof FactorNameSchema>;

/** One factor's share of the score, with the raw value it came from. */
export const FactorContributionSchema = z.object({
  factor: FactorNameSchema,
  raw: z.number(),
  /** Standardized value in [-100, 100]. */
  value: z.number(),
  /** Weight in percent (0 for the non-directional factors, which act through gates and P). */
  weight: z.number(),
  /** weight * value / 100: points of the score. */
  contribution: z.number(),
  /** Robust z of the pre-smoothed raw value against its EW median/MAD, before winsorizing. */
  z: z.number(),
  /** True when the soft winsorization compressed this value. */
  clipped: z.boolean(),
});
export type FactorContribution = z.infer<typeof FactorContributionSchema>;

export const GateResultSchema = z.object({
  gate: z.enum(['dataQuality', 'staleness', 'spread', 'impact']),
  pass: z.boolean(),
  value: z.number(),
  limit: z.number(),
  unit: z.string(),
});
export type GateResult = z.infer<typeof GateResultSchema>;

/**
 * The scanner's own barrier around the bar's close: the stop and the target it measured the
 * probability against (targetAtr x ATR each side, in the signal's direction). A trade plan's
 * default stop and first target. Null on a FAILED or flat signal.
 */
export const SignalLevelsSchema = z.object({
  /** Close of the signal's bar. */
  close: z.number(),
  /** ATR(14) of the signal's timeframe at that bar. */
  atr: z.number(),
  /** How many ATRs away the stop and the target are. */
  atrMultiple: z.number(),
  stop: z.number(),
  target: z.number(),
});
export type SignalLevels = z.infer<typeof SignalLevelsSchema>;

export const ScannerSignalSchema = z.object({
  exchange: z.string(),
  symbol: z.string(),
  timeframe: TimeframeSchema,
  /** Close time of the bar that produced the signal, epoch ms (the feed's clock). */
  at: z.number().int(),
  tier: TierSchema,
  /**
   * Close time of the bar on which the tier was entered (epoch ms, the feed's clock). When
   * `tierSinceKnown` is false the tier has not changed since the scanner began grading this
   * market and timeframe (its warm-up from history included): it has held at least since then.
   */
  tierSince: z.number().int(),
  tierSinceKnown: z.boolean(),
  direction: DirectionSchema,
  // The numbers below are null on a FAILED signal: nothing is shown in place of a failed
  // computation, not even a zero.
  /** Weighted score in [-100, 100]; positive leans long. */
  score: z.number().nullable(),
  probability: z.number().nullable(),
  /**
   * True when `probability` comes from a stored calibration of this market and timeframe that
   * beat the base rate out of sample: then it is a win chance (target before stop). False: it
   * is the shipped prior mapping of the score, not a win chance, and the tier is at most WATCH.
   */
  calibrated: z.boolean(),
  /** Expected value after fees, spread and slippage, in basis points of notional. */
  evBps: z.number().nullable(),
  costBps: z.number().nullable(),
  /** Mean agreement of the higher timeframes with the direction, in [-1, 1]. */
  confluence: z.number().nullable(),
  gates: z.array(GateResultSchema),
  contributions: z.array(FactorContributionSchema),
  levels: SignalLevelsSchema.nullable(),
  /** Why the tier is what it is (and the failure reason for FAILED). */
  reason: z.string(),
});
export type ScannerSignal = z.infer<typeof ScannerSignalSchema>;

export const TierChangeSchema = z.object({
  exchange: z.string(),
  symbol: z.string(),
  timeframe: TimeframeSchema,
  at: z.number().int(),
  from: TierSchema,
  to: TierSchema,
  probability: z.number().nullable(),
  /** Whether that P is a calibrated win chance (false: the prior mapping, "uncalibrated"). */
  calibrated: z.boolean(),
  evBps: z.number().nullable(),
  reason: z.string(),
});
export type TierChange = z.infer<typeof TierChangeSchema>;

/**
 * One market's latest evaluation as the signal board lists it: the figures and the reason,
 * without the explanation (factor contributions, gates, costs), which explainSignal gives for
 * the market a trader looks at. A tenth of a full signal's size, so a bar close of hundreds
 * of markets stays cheap for the loop that carries the kill switch and for every window.
 */
export const SignalRowSchema = ScannerSignalSchema.pick({
  exchange: true,
  symbol: true,
  timeframe: true,
  at: true,
  tier: true,
  tierSince: true,
  tierSinceKnown: true,
  direction: true,
  score: true,
  probability: true,
  calibrated: true,
  evBps: true,
  reason: true,
});
export type SignalRow = z.infer<typeof SignalRowSchema>;

/** Which market's signal: the board row's identity. */
export const SignalKeySchema = z
  .object({ exchange: z.string().min(1), symbol: z.string().min(1), timeframe: TimeframeSchema })
  .strict();
export type SignalKey = z.infer<typeof SignalKeySchema>;

export const scannerEvents = {
  /**
   * A signal that is news, in full (audited): a tier change, a market's first PRIME, WATCH or
   * FAILED evaluation since the scanner started or was re-warmed, or a FAILED signal with a new
   * reason. A tier that holds is not re-published (its row follows every close). Sent only to
   * connections that asked (`watchSignals`).
   */
  signalPublished: ScannerSignalSchema,
  /**
   * The board's feed: the latest evaluation of every market a batch of bar closes evaluated,
   * IGNORE included, one event per batch (not one per market).
   */
  boardUpdated: z.object({ rows: z.array(SignalRowSchema) }),
  tierChanged: TierChangeSchema,
} as const;

export const scannerCommands = {
  /** The board: every scanned market's latest row, best tier first, then by probability. */
  listSignals: {
    input: z.object({}).strict(),
    output: z.array(SignalRowSchema),
  },
  /**
   * The full latest signal of one market (factor contributions, gates, costs, confluence):
   * why it has its tier. Refused, naming the market, when the scanner has not evaluated it.
   */
  explainSignal: {
    input: SignalKeySchema,
    output: ScannerSignalSchema,
  },
  /**
   * Whether this connection receives `signalPublished`, each published signal in full (off
   * by default: a 4h close can publish dozens, each with its factor table).
   */
  watchSignals: {
    input: z.object({ full: z.boolean() }).strict(),
    output: z.object({ full: z.boolean() }),
  },
} as const;
