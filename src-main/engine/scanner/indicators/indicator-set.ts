import type { Candle } from '../../../../src-shared/domain/candle';
import { StreamingAdx } from './adx';
import { StreamingAtr } from './atr';
import { StreamingBollinger } from './bollinger';
import { StreamingCci } from './cci';
import { StreamingDonchian } from './donchian';
import { StreamingEma } from './ema';
import { StreamingMacd } from './macd';
import { StreamingMfi } from './mfi';
import { StreamingObv } from './obv';
import { StreamingRsi } from './rsi';
import { StreamingSma } from './sma';
import { StreamingStochastic } from './stochastic';
import { IndicatorInputError } from './ta-lib-numerics';
import { StreamingVwap } from './vwap';

/** The TA-Lib-defined values, in the key order `vigil indicators --json` prints. */
export interface TaLibIndicatorValues {
  readonly timestamp: number;
  readonly rsi14: number | null;
  readonly ema20: number | null;
  readonly sma20: number | null;
  readonly macd: number | null;
  readonly macdSignal: number | null;
  readonly macdHist: number | null;
  readonly bbUpper: number | null;
  readonly bbMiddle: number | null;
  readonly bbLower: number | null;
  readonly atr14: number | null;
  readonly stochK: number | null;
  readonly stochD: number | null;
  readonly cci20: number | null;
  readonly mfi14: number | null;
  readonly adx14: number | null;
  readonly obv: number | null;
}

/** Everything the factors read: the TA-Lib set plus VWAP, Donchian and the DI lines. */
export interface IndicatorSnapshot extends TaLibIndicatorValues {
  readonly close: number;
  readonly bbDeviation: number | null;
  readonly plusDi14: number | null;
  readonly minusDi14: number | null;
  readonly vwap20: number | null;
  readonly donchianUpper: number | null;
  readonly donchianLower: number | null;
}

/** The key order of the TA-Lib set, for printing exactly these keys. */
export const TA_LIB_INDICATOR_KEYS = [
  'timestamp',
  'rsi14',
  'ema20',
  'sma20',
  'macd',
  'macdSignal',
  'macdHist',
  'bbUpper',
  'bbMiddle',
  'bbLower',
  'atr14',
  'stochK',
  'stochD',
  'cci20',
  'mfi14',
  'adx14',
  'obv',
] as const satisfies ReadonlyArray<keyof TaLibIndicatorValues>;

/**
 * The full indicator set for one series, updated once per closed candle in O(1) (CCI:
 * O(20)). Candles must arrive in strictly increasing open time; anything else, or a
 * non-finite field, throws IndicatorInputError naming the candle.
 */
export class IndicatorSet {
  private readonly rsi = new StreamingRsi(14);
  private readonly ema = new StreamingEma(20);
  private readonly sma = new StreamingSma(20);
  private readonly macd = new StreamingMacd(12, 26, 9);
  private readonly bollinger = new StreamingBollinger(20, 2);
  private readonly atr = new StreamingAtr(14);
  private readonly stochastic = new StreamingStochastic(14, 3, 3);
  private readonly cci = new StreamingCci(20);
  private readonly mfi = new StreamingMfi(14);
  private readonly adx = new StreamingAdx(14);
  private readonly obv = new StreamingObv();
  private readonly vwap = new StreamingVwap(20);
  private readonly donchian = new StreamingDonchian(20);
  private lastOpenTime = Number.NEGATIVE_INFINITY;
  private candles = 0;

  get count(): number {
    return this.candles;
  }

  update(candle: Candle): IndicatorSnapshot {
    checkCandle(candle, this.lastOpenTime);
    this.lastOpenTime = candle.openTime;
    this.candles += 1;
    const { high, low, close, volume } = candle;
    const macd = this.macd.update(close);
    const bands = this.bollinger.update(close);
    const stoch = this.stochastic.update(high, low, close);
    const adx = this.adx.update(high, low, close);
    const channel = this.donchian.update(high, low);
    return {
      timestamp: candle.openTime,
      rsi14: this.rsi.update(close),
      ema20: this.ema.update(close),
      sma20: this.sma.update(close),
      macd: macd?.macd ?? null,
      macdSignal: macd?.signal ?? null,
      macdHist: macd?.histogram ?? null,
      bbUpper: bands?.upper ?? null,
      bbMiddle: bands?.middle ?? null,
      bbLower: bands?.lower ?? null,
      atr14: this.atr.update(high, low, close),
      stochK: stoch?.k ?? null,
      stochD: stoch?.d ?? null,
      cci20: this.cci.update(high, low, close),
      mfi14: this.mfi.update(high, low, close, volume),
      adx14: adx?.adx ?? null,
      obv: this.obv.update(close, volume),
      close,
      bbDeviation: bands?.deviation ?? null,
      plusDi14: adx?.plusDi ?? null,
      minusDi14: adx?.minusDi ?? null,
      vwap20: this.vwap.update(high, low, close, volume),
      donchianUpper: channel?.upper ?? null,
      donchianLower: channel?.lower ?? null,
    };
  }
}

function checkCandle(candle: Candle, lastOpenTime: number): void {
  const where = `candle at ${candle.openTime}`;
  for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
    if (!Number.isFinite(candle[field])) {
      throw new IndicatorInputError(`${where}: ${field} is not a finite number (${candle[field]})`);
    }
  }
  if (!Number.isSafeInteger(candle.openTime)) {
    throw new IndicatorInputError(`${where}: open time is not an integer`);
  }
  if (candle.openTime <= lastOpenTime) {
    throw new IndicatorInputError(
      `${where}: open time does not follow the previous candle (${lastOpenTime})`,
    );
  }
  if (
    candle.high < Math.max(candle.open, candle.close) ||
    candle.low > Math.min(candle.open, candle.close)
  ) {
    throw new IndicatorInputError(`${where}: OHLC inconsistent (high/low do not bound open/close)`);
  }
  if (candle.volume < 0)
    throw new IndicatorInputError(`${where}: negative volume ${candle.volume}`);
}

/** The TA-Lib subset of a snapshot, keys in output order. */
export function taLibValues(snapshot: IndicatorSnapshot): TaLibIndicatorValues {
  const out: Record<string, number | null> = {};
  for (const key of TA_LIB_INDICATOR_KEYS) out[key] = snapshot[key];
  return out as unknown as TaLibIndicatorValues;
}
