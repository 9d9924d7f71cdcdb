import type { Candle } from '../../../../src-shared/domain/candle';
import type { FactorName } from '../../../../src-shared/contract/scanner';
import type { FactorSnapshot } from './factor-indicators';

/** Raised when a factor cannot be computed from its inputs; the symbol's signal FAILS. */
export class FactorError extends Error {
  constructor(
    readonly factor: FactorName,
    message: string,
  ) {
    super(`${factor}: ${message}`);
    this.name = 'FactorError';
  }
}

/** What a factor may read: this bar's indicators, the previous bar's, and rolling context. */
export interface FactorInputs {
  readonly candle: Candle;
  readonly now: FactorSnapshot;
  readonly previous: FactorSnapshot | null;
  /** OBV `volumeWindow` bars ago, and the volume traded over those bars. */
  readonly obvBack: number | null;
  readonly windowVolume: number;
  /** Mean quote volume (close * volume) over the window. */
  readonly meanQuoteVolume: number;
  /** Share of the expected bar slots that are present over the quality window, in (0, 1]. */
  readonly presentShare: number;
}

export const DIRECTIONAL_FACTORS = [
  'trend',
  'momentum',
  'meanReversion',
  'breakout',
  'volume',
] as const;
export type DirectionalFactor = (typeof DIRECTIONAL_FACTORS)[number];
export const REGIME_FACTORS = ['volatility', 'liquidity', 'dataQuality'] as const;
export const ALL_FACTORS: readonly FactorName[] = [...DIRECTIONAL_FACTORS, ...REGIME_FACTORS];

function need(factor: FactorName, name: string, value: number | null): number {
  if (value === null) throw new FactorError(factor, `${name} is not available yet`);
  return value;
}

function positiveAtr(factor: FactorName, inputs: FactorInputs): number {
  const atr = need(factor, 'ATR(14)', inputs.now.atr14);
  if (!(atr > 0)) throw new FactorError(factor, `ATR(14) is ${atr}: no price movement to scale by`);
  return atr;
}

/**
 * Raw factor values. Directional ones are signed (positive = long); the regime ones are
 * unsigned and act through gates and the probability. Each throws FactorError when its
 * inputs cannot support it — the caller never substitutes a value.
 */
export type RawFactorTable = Readonly<Record<FactorName, (inputs: FactorInputs) => number>>;

export const RAW_FACTORS: RawFactorTable = {
  /** Distance of the close above its EMA(20), in ATRs. */
  trend: (x) => (x.candle.close - need('trend', 'EMA(20)', x.now.ema20)) / positiveAtr('trend', x),
  /** RSI distance from 50 (as a fraction) plus the MACD histogram in ATRs. */
  momentum: (x) =>
    (need('momentum', 'RSI(14)', x.now.rsi14) - 50) / 50 +
    need('momentum', 'MACD histogram', x.now.macdHist) / positiveAtr('momentum', x),
  /** Distance below the rolling VWAP, in ATRs (positive: stretched down, reverts up). */
  meanReversion: (x) => {
    const vwap = x.now.vwap20;
    if (vwap === null)
      throw new FactorError('meanReversion', 'VWAP(20) undefined: no volume in window');
    return (vwap - x.candle.close) / positiveAtr('meanReversion', x);
  },
  /** Close against the previous bar's Donchian(20) channel: +-1 at its edges, beyond = breakout. */
  breakout: (x) => {
    const upper = need('breakout', 'previous Donchian upper', x.previous?.donchianUpper ?? null);
    const lower = need('breakout', 'previous Donchian lower', x.previous?.donchianLower ?? null);
    const half = (upper - lower) / 2;
    if (!(half > 0)) throw new FactorError('breakout', 'Donchian channel has zero width');
    return (x.candle.close - (upper + lower) / 2) / half;
  },
  /** Net on-balance volume over the window as a share of the volume traded, in [-1, 1]. */
  volume: (x) => {
    const back = need('volume', 'OBV window', x.obvBack);
    if (!(x.windowVolume > 0)) throw new FactorError('volume', 'no volume traded in the window');
    return (need('volume', 'OBV', x.now.obv) - back) / x.windowVolume;
  },
  /** Log of ATR as a fraction of price: the volatility regime. */
  volatility: (x) => Math.log(positiveAtr('volatility', x) / x.candle.close),
  /** Log of the mean quote volume per bar. */
  liquidity: (x) => {
    if (!(x.meanQuoteVolume > 0))
      throw new FactorError('liquidity', 'no quote volume in the window');
    return Math.log(x.meanQuoteVolume);
  },
  dataQuality: (x) => x.presentShare,
};
