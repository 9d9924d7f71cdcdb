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
    // The multi-line indicators step in place and are read through their getters: no result
    // object per indicator per candle, only the one snapshot the factors keep.
    const macd = this.macd.step(close);
    const bands = this.bollinger.step(close);
    const stoch = this.stochastic.step(high, low, close);
    const adx = this.adx.step(high, low, close);
    const channel = this.donchian.step(high, low);
    return {
      timestamp: candle.openTime,
      rsi14: this.rsi.update(close),
      ema20: this.ema.update(close),
      sma20: this.sma.update(close),
      macd: macd ? this.macd.line : null,
      macdSignal: macd ? this.macd.signal : null,
      macdHist: macd ? this.macd.histogram : null,
      bbUpper: bands ? this.bollinger.upper : null,
      bbMiddle: bands ? this.bollinger.middle : null,
      bbLower: bands ? this.bollinger.lower : null,
      atr14: this.atr.update(high, low, close),
      stochK: stoch ? this.stochastic.k : null,
      stochD: stoch ? this.stochastic.d : null,
      cci20: this.cci.update(high, low, close),
      mfi14: this.mfi.update(high, low, close, volume),
      adx14: adx ? this.adx.adx : null,
      obv: this.obv.update(close, volume),
      close,
      bbDeviation: bands ? this.bollinger.deviation : null,
      plusDi14: adx ? this.adx.plusDi : null,
      minusDi14: adx ? this.adx.minusDi : null,
      vwap20: this.vwap.update(high, low, close, volume),
      donchianUpper: channel ? this.donchian.upper : null,
      donchianLower: channel ? this.donchian.lower : null,
    };
  }
}

/**
 * Throws IndicatorInputError naming the candle when a field is not finite, the open time does
 * not follow `lastOpenTime`, OHLC is inconsistent or volume is negative. Every field checked by
 * name (no loop over field names: this runs once per candle).
 */
export function checkCandle(candle: Candle, lastOpenTime: number): void {
  const { openTime, open, high, low, close, volume } = candle;
  if (!Number.isFinite(open)) throw notFinite(openTime, 'open', open);
  if (!Number.isFinite(high)) throw notFinite(openTime, 'high', high);
  if (!Number.isFinite(low)) throw notFinite(openTime, 'low', low);
  if (!Number.isFinite(close)) throw notFinite(openTime, 'close', close);
  if (!Number.isFinite(volume)) throw notFinite(openTime, 'volume', volume);
  if (!Number.isSafeInteger(openTime)) {
    throw new IndicatorInputError(`candle at ${openTime}: open time is not an integer`);
  }
  if (openTime <= lastOpenTime) {
    throw new IndicatorInputError(
      `candle at ${openTime}: open time does not follow the previous candle (${lastOpenTime})`,
    );
  }
  if (high < Math.max(open, close) || low > Math.min(open, close)) {
    throw new IndicatorInputError(
      `candle at ${openTime}: OHLC inconsistent (high/low do not bound open/close)`,
    );
  }
  if (volume < 0) throw new IndicatorInputError(`candle at ${openTime}: negative volume ${volume}`);
}

function notFinite(openTime: number, field: string, value: number): IndicatorInputError {
  return new IndicatorInputError(
    `candle at ${openTime}: ${field} is not a finite number (${value})`,
  );
}

/** The TA-Lib subset of a snapshot, keys in output order. */
export function taLibValues(snapshot: IndicatorSnapshot): TaLibIndicatorValues {
  const out: Record<string, number | null> = {};
  for (const key of TA_LIB_INDICATOR_KEYS) out[key] = snapshot[key];
  return out as unknown as TaLibIndicatorValues;
}
