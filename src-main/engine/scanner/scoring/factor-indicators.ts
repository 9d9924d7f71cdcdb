import type { Candle } from '../../../../src-shared/domain/candle';
import { StreamingAdx } from '../indicators/adx';
import { StreamingAtr } from '../indicators/atr';
import { StreamingDonchian } from '../indicators/donchian';
import { StreamingEma } from '../indicators/ema';
import { checkCandle, type IndicatorSnapshot } from '../indicators/indicator-set';
import { StreamingMacd } from '../indicators/macd';
import { StreamingObv } from '../indicators/obv';
import { StreamingRsi } from '../indicators/rsi';
import { StreamingVwap } from '../indicators/vwap';

/**
 * The indicator values the factors and their warm-up read, and nothing else: a factor that
 * reads another indicator does not compile until it is added here. Same indicators, same
 * parameters, same arithmetic as IndicatorSet, so every value is bit for bit the one the full
 * set (and `vigil indicators`) gives.
 */
export type FactorSnapshot = Pick<
  IndicatorSnapshot,
  | 'close'
  | 'rsi14'
  | 'ema20'
  | 'macdHist'
  | 'atr14'
  | 'adx14'
  | 'obv'
  | 'vwap20'
  | 'donchianUpper'
  | 'donchianLower'
>;

type MutableSnapshot = { -readonly [K in keyof FactorSnapshot]: FactorSnapshot[K] };

function emptySnapshot(): MutableSnapshot {
  return {
    close: 0,
    rsi14: null,
    ema20: null,
    macdHist: null,
    atr14: null,
    adx14: null,
    obv: null,
    vwap20: null,
    donchianUpper: null,
    donchianLower: null,
  };
}

/**
 * The scanner's per-series indicators. The full set computed Bollinger, Stochastic, CCI, MFI
 * and SMA on every bar of every market for no factor; at 1,800 series the scanner's time goes
 * mostly to memory, so what is not read is not kept either. Two snapshots are reused in turn
 * (the factors read this bar's and the previous bar's): no object per bar that lives until the
 * series' next bar and then has to be collected from the old generation.
 */
export class FactorIndicators {
  private readonly rsi = new StreamingRsi(14);
  private readonly ema = new StreamingEma(20);
  private readonly macd = new StreamingMacd(12, 26, 9);
  private readonly atr = new StreamingAtr(14);
  private readonly adx = new StreamingAdx(14);
  private readonly obv = new StreamingObv();
  private readonly vwap = new StreamingVwap(20);
  private readonly donchian = new StreamingDonchian(20);
  private lastOpenTime = Number.NEGATIVE_INFINITY;
  private current = emptySnapshot();
  private other = emptySnapshot();
  private updates = 0;

  /**
   * This bar's values. The object is rewritten by the update after next (it alternates with
   * the one the previous update returned): read it, do not keep it.
   */
  update(candle: Candle): FactorSnapshot {
    checkCandle(candle, this.lastOpenTime);
    this.lastOpenTime = candle.openTime;
    const { high, low, close, volume } = candle;
    // Same call order as IndicatorSet.update, so a throwing indicator names the same problem;
    // the snapshots turn only once every value is computed, so a failed update leaves both.
    const macd = this.macd.step(close);
    const adx = this.adx.step(high, low, close);
    const channel = this.donchian.step(high, low);
    const rsi14 = this.rsi.update(close);
    const ema20 = this.ema.update(close);
    const atr14 = this.atr.update(high, low, close);
    const obv = this.obv.update(close, volume);
    const vwap20 = this.vwap.update(high, low, close, volume);
    const out = this.other;
    this.other = this.current;
    this.current = out;
    this.updates += 1;
    out.close = close;
    out.rsi14 = rsi14;
    out.ema20 = ema20;
    out.macdHist = macd ? this.macd.histogram : null;
    out.atr14 = atr14;
    out.adx14 = adx ? this.adx.adx : null;
    out.obv = obv;
    out.vwap20 = vwap20;
    out.donchianUpper = channel ? this.donchian.upper : null;
    out.donchianLower = channel ? this.donchian.lower : null;
    return out;
  }

  /** The snapshot before the latest update's (null before the second update). */
  get previous(): FactorSnapshot | null {
    return this.updates >= 2 ? this.other : null;
  }
}
