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

export const ScannerSignalSchema = z.object({
  exchange: z.string(),
  symbol: z.string(),
  timeframe: TimeframeSchema,
  /** Close time of the bar that produced the signal, epoch ms (the feed's clock). */
  at: z.number().int(),
  tier: TierSchema,
  direction: DirectionSchema,
  // The numbers below are null on a FAILED signal: nothing is shown in place of a failed
  // computation, not even a zero.
  /** Weighted score in [-100, 100]; positive leans long. */
  score: z.number().nullable(),
  probability: z.number().nullable(),
  /** Expected value after fees, spread and slippage, in basis points of notional. */
  evBps: z.number().nullable(),
  costBps: z.number().nullable(),
  /** Mean agreement of the higher timeframes with the direction, in [-1, 1]. */
  confluence: z.number().nullable(),
  gates: z.array(GateResultSchema),
  contributions: z.array(FactorContributionSchema),
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
  evBps: z.number().nullable(),
  reason: z.string(),
});
export type TierChange = z.infer<typeof TierChangeSchema>;

export const scannerEvents = {
  signalPublished: ScannerSignalSchema,
  tierChanged: TierChangeSchema,
} as const;
