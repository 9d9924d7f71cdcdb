import { z } from 'zod';
import { TimeframeSchema } from '../../../../src-shared/domain/candle';
import { DEFAULT_STANDARDIZATION, validateStandardizationConfig } from './standardization';

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().nonnegative();
const unit = z.number().finite().min(0).max(1);

/** Weights of the directional factors, in percent; they must sum to exactly 100. */
const WeightsSchema = z
  .object({
    trend: nonNegative,
    momentum: nonNegative,
    meanReversion: nonNegative,
    breakout: nonNegative,
    volume: nonNegative,
  })
  .strict()
  .refine((w) => Math.abs(Object.values(w).reduce((a, b) => a + b, 0) - 100) < 1e-9, {
    message: 'factor weights must sum to 100',
  });

const TiersSchema = z
  .object({
    primeEnter: unit,
    primeStay: unit,
    watchEnter: unit,
    watchStay: unit,
    /** K-of-N confirmation. */
    confirmK: z.number().int().min(1),
    confirmN: z.number().int().min(1),
    /** Minimum time between two tier changes, on the feed's clock. */
    cooldownMs: z.number().int().nonnegative(),
  })
  .strict()
  .refine((t) => t.primeStay <= t.primeEnter, { message: 'primeStay must be <= primeEnter' })
  .refine((t) => t.watchStay <= t.watchEnter, { message: 'watchStay must be <= watchEnter' })
  .refine((t) => t.watchEnter <= t.primeEnter, { message: 'watchEnter must be <= primeEnter' })
  .refine((t) => t.watchStay <= t.primeStay, { message: 'watchStay must be <= primeStay' })
  .refine((t) => t.confirmK <= t.confirmN, { message: 'confirmK must be <= confirmN' });

/** logit(P) = intercept + scoreSlope * |score| / 100 + confluenceSlope * confluence. */
const ProbabilitySchema = z
  .object({ intercept: z.number().finite(), scoreSlope: nonNegative, confluenceSlope: nonNegative })
  .strict();

const CostsSchema = z
  .object({
    takerFeeBps: nonNegative,
    /** Used when the feed has no order book (replay): an explicit, visible assumption. */
    assumedSpreadBps: nonNegative,
    /** Square-root impact: coefficient * bar volatility (bps) * sqrt(notional / bar quote volume). */
    impactCoefficient: nonNegative,
    /** Order size per quote currency, in that currency. A quote without an entry FAILS. */
    orderNotional: z.record(z.string(), positive),
    /** Target and stop distance of the move, in ATRs. */
    targetAtr: positive,
  })
  .strict();

const GatesSchema = z
  .object({
    minDataQuality: unit,
    /** Max age of the last closed bar, in bars of its timeframe. */
    maxStalenessBars: positive,
    maxSpreadBps: nonNegative,
    /** 7 bps for standard markets. */
    maxImpactBps: nonNegative,
  })
  .strict();

export const ScannerConfigSchema = z
  .object({
    weights: WeightsSchema,
    tiers: TiersSchema,
    probability: ProbabilitySchema,
    costs: CostsSchema,
    gates: GatesSchema,
    /** Multi-timeframe confluence: the first is the primary (tiers move on its bar closes). */
    timeframes: z.array(TimeframeSchema).min(1),
  })
  .strict();

export type ScannerConfig = z.infer<typeof ScannerConfigSchema> & {
  readonly standardization: typeof DEFAULT_STANDARDIZATION;
};

export const DEFAULT_SCANNER_CONFIG: ScannerConfig = {
  weights: { trend: 25, momentum: 25, meanReversion: 15, breakout: 20, volume: 15 },
  tiers: {
    primeEnter: 0.8,
    primeStay: 0.7,
    watchEnter: 0.5,
    watchStay: 0.4,
    confirmK: 2,
    confirmN: 3,
    cooldownMs: 90_000,
  },
  probability: { intercept: -1.6, scoreSlope: 4, confluenceSlope: 1.5 },
  costs: {
    takerFeeBps: 5,
    assumedSpreadBps: 2,
    impactCoefficient: 1,
    orderNotional: {
      USD: 1000,
      USDT: 1000,
      USDC: 1000,
      PERP: 1000,
      EUR: 1000,
      BTC: 0.02,
      ETH: 0.3,
    },
    targetAtr: 1.5,
  },
  gates: { minDataQuality: 0.95, maxStalenessBars: 2, maxSpreadBps: 15, maxImpactBps: 7 },
  timeframes: ['15m', '1h', '4h'],
  standardization: DEFAULT_STANDARDIZATION,
};

/** Validates a full configuration; the message lists every problem with its path. */
export function validateScannerConfig(config: ScannerConfig): ScannerConfig {
  const { standardization, ...rest } = config;
  const parsed = ScannerConfigSchema.safeParse(rest);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(config)'}: ${i.message}`,
    );
    throw new RangeError(`scanner config invalid: ${issues.join('; ')}`);
  }
  validateStandardizationConfig(standardization);
  const unique = new Set(config.timeframes);
  if (unique.size !== config.timeframes.length) {
    throw new RangeError('scanner config invalid: timeframes: duplicates');
  }
  return config;
}
