// Indicator benchmarks: the full set against other libraries, and against the sum of its own
// indicators run alone (what the set adds on top: input checks and the snapshot per candle).
import * as ti from 'technicalindicators';
import * as ts from 'trading-signals';
import type { Candle } from '../../src-shared/domain/candle';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { StreamingAdx } from '../../src-main/engine/scanner/indicators/adx';
import { StreamingAtr } from '../../src-main/engine/scanner/indicators/atr';
import { StreamingBollinger } from '../../src-main/engine/scanner/indicators/bollinger';
import { StreamingCci } from '../../src-main/engine/scanner/indicators/cci';
import { StreamingDonchian } from '../../src-main/engine/scanner/indicators/donchian';
import { StreamingEma } from '../../src-main/engine/scanner/indicators/ema';
import { IndicatorSet } from '../../src-main/engine/scanner/indicators/indicator-set';
import { StreamingMacd } from '../../src-main/engine/scanner/indicators/macd';
import { StreamingMfi } from '../../src-main/engine/scanner/indicators/mfi';
import { StreamingObv } from '../../src-main/engine/scanner/indicators/obv';
import { StreamingRsi } from '../../src-main/engine/scanner/indicators/rsi';
import { StreamingSma } from '../../src-main/engine/scanner/indicators/sma';
import { StreamingStochastic } from '../../src-main/engine/scanner/indicators/stochastic';
import { StreamingVwap } from '../../src-main/engine/scanner/indicators/vwap';
import { sharedCandleFile } from '../support/candle-data';
import { talib } from '../support/ta-lib-reference';
import { against, fastestInterleaved } from './measure';

const FTX = 'ftx_BTC-PERP_1m.csv';

function ours(candles: readonly Candle[]): void {
  const set = new IndicatorSet();
  for (const c of candles) set.update(c);
}

function technicalIndicators(candles: readonly Candle[]): void {
  const close = candles.map((c) => c.close);
  const high = candles.map((c) => c.high);
  const low = candles.map((c) => c.low);
  const volume = candles.map((c) => c.volume);
  ti.rsi({ period: 14, values: close });
  ti.ema({ period: 20, values: close });
  ti.sma({ period: 20, values: close });
  ti.macd({
    values: close,
    fastPeriod: 12,
    slowPeriod: 26,
    signalPeriod: 9,
    SimpleMAOscillator: false,
    SimpleMASignal: false,
  });
  ti.bollingerbands({ period: 20, values: close, stdDev: 2 });
  ti.atr({ high, low, close, period: 14 });
  ti.stochastic({ high, low, close, period: 14, signalPeriod: 3 });
  ti.cci({ high, low, close, period: 20 });
  ti.mfi({ high, low, close, volume, period: 14 });
  ti.adx({ high, low, close, period: 14 });
  ti.obv({ close, volume });
}

function tradingSignals(candles: readonly Candle[]): void {
  const rsi = new ts.RSI(14);
  const ema = new ts.EMA(20);
  const sma = new ts.SMA(20);
  const macd = new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9));
  const bb = new ts.BollingerBands(20, 2);
  const atr = new ts.ATR(14);
  const stoch = new ts.StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 3, dPeriod: 3 });
  const cci = new ts.CCI(20);
  const mfi = new ts.MFI(14);
  const adx = new ts.ADX(14);
  const obv = new ts.OBV(2);
  for (const c of candles) {
    rsi.add(c.close);
    ema.add(c.close);
    sma.add(c.close);
    macd.add(c.close);
    bb.add(c.close);
    atr.add(c);
    stoch.add(c);
    cci.add(c);
    mfi.add(c);
    adx.add(c);
    obv.add(c);
  }
}

function taLib(candles: readonly Candle[]): void {
  const base = {
    startIdx: 0,
    endIdx: candles.length - 1,
    high: candles.map((c) => c.high),
    low: candles.map((c) => c.low),
    close: candles.map((c) => c.close),
    volume: candles.map((c) => c.volume),
  };
  const inReal = base.close;
  talib.execute({ ...base, name: 'RSI', inReal, optInTimePeriod: 14 });
  talib.execute({ ...base, name: 'EMA', inReal, optInTimePeriod: 20 });
  talib.execute({ ...base, name: 'SMA', inReal, optInTimePeriod: 20 });
  talib.execute({
    ...base,
    name: 'MACD',
    inReal,
    optInFastPeriod: 12,
    optInSlowPeriod: 26,
    optInSignalPeriod: 9,
  });
  talib.execute({
    ...base,
    name: 'BBANDS',
    inReal,
    optInTimePeriod: 20,
    optInNbDevUp: 2,
    optInNbDevDn: 2,
    optInMAType: 0,
  });
  talib.execute({ ...base, name: 'ATR', optInTimePeriod: 14 });
  talib.execute({
    ...base,
    name: 'STOCH',
    optInFastK_Period: 14,
    optInSlowK_Period: 3,
    optInSlowK_MAType: 0,
    optInSlowD_Period: 3,
    optInSlowD_MAType: 0,
  });
  talib.execute({ ...base, name: 'CCI', optInTimePeriod: 20 });
  talib.execute({ ...base, name: 'MFI', optInTimePeriod: 14 });
  talib.execute({ ...base, name: 'ADX', optInTimePeriod: 14 });
  talib.execute({ ...base, name: 'OBV', inReal });
}

/**
 * Each indicator of the set on its own, through its cheapest API (step() for the multi-line
 * ones, which allocates nothing). Each loop sums its outputs locally and hands the total to a
 * sink once, so no loop is optimized away and the harness adds as little as possible.
 */
function aloneTasks(
  candles: readonly Candle[],
  sink: { value: number },
): Array<[string, () => void]> {
  return [
    [
      'RSI(14)',
      () => {
        const x = new StreamingRsi(14);
        let acc = 0;
        for (const c of candles) acc += x.update(c.close) ?? 0;
        sink.value += acc;
      },
    ],
    [
      'EMA(20)',
      () => {
        const x = new StreamingEma(20);
        let acc = 0;
        for (const c of candles) acc += x.update(c.close) ?? 0;
        sink.value += acc;
      },
    ],
    [
      'SMA(20)',
      () => {
        const x = new StreamingSma(20);
        let acc = 0;
        for (const c of candles) acc += x.update(c.close) ?? 0;
        sink.value += acc;
      },
    ],
    [
      'MACD(12,26,9)',
      () => {
        const x = new StreamingMacd(12, 26, 9);
        for (const c of candles) if (x.step(c.close)) sink.value += x.line;
      },
    ],
    [
      'Bollinger(20,2)',
      () => {
        const x = new StreamingBollinger(20, 2);
        for (const c of candles) if (x.step(c.close)) sink.value += x.upper;
      },
    ],
    [
      'ATR(14)',
      () => {
        const x = new StreamingAtr(14);
        let acc = 0;
        for (const c of candles) acc += x.update(c.high, c.low, c.close) ?? 0;
        sink.value += acc;
      },
    ],
    [
      'Stochastic(14,3,3)',
      () => {
        const x = new StreamingStochastic(14, 3, 3);
        for (const c of candles) if (x.step(c.high, c.low, c.close)) sink.value += x.k;
      },
    ],
    [
      'CCI(20)',
      () => {
        const x = new StreamingCci(20);
        let acc = 0;
        for (const c of candles) acc += x.update(c.high, c.low, c.close) ?? 0;
        sink.value += acc;
      },
    ],
    [
      'MFI(14)',
      () => {
        const x = new StreamingMfi(14);
        let acc = 0;
        for (const c of candles) acc += x.update(c.high, c.low, c.close, c.volume) ?? 0;
        sink.value += acc;
      },
    ],
    [
      'ADX(14)',
      () => {
        const x = new StreamingAdx(14);
        for (const c of candles) if (x.step(c.high, c.low, c.close)) sink.value += x.adx;
      },
    ],
    [
      'OBV',
      () => {
        const x = new StreamingObv();
        let acc = 0;
        for (const c of candles) acc += x.update(c.close, c.volume);
        sink.value += acc;
      },
    ],
    [
      'VWAP(20)',
      () => {
        const x = new StreamingVwap(20);
        let acc = 0;
        for (const c of candles) acc += x.update(c.high, c.low, c.close, c.volume) ?? 0;
        sink.value += acc;
      },
    ],
    [
      'Donchian(20)',
      () => {
        const x = new StreamingDonchian(20);
        for (const c of candles) if (x.step(c.high, c.low)) sink.value += x.upper;
      },
    ],
  ];
}

export async function runIndicatorsBench(): Promise<void> {
  const { candles } = await loadCandleCsv(sharedCandleFile(FTX));
  const n = candles.length;
  const sink = { value: 0 };
  const alone = aloneTasks(candles, sink);
  const set: [string, () => void] = [
    'set',
    () => {
      const s = new IndicatorSet();
      let acc = 0;
      for (const c of candles) acc += s.update(c).close;
      sink.value += acc;
    },
  ];
  const fastest = fastestInterleaved(9, [...alone, set]);
  const sum = alone.reduce((total, [name]) => total + (fastest.get(name) as number), 0);
  const setMs = fastest.get('set') as number;
  const ratio = setMs / sum;
  console.log(
    `Indicator set vs its ${alone.length} indicators run alone, ${FTX} (${n} candles), fastest of 9 interleaved rounds:`,
  );
  console.log(
    `  alone: ${alone.map(([name]) => `${name} ${(fastest.get(name) as number).toFixed(2)}`).join(', ')} ms`,
  );
  console.log(
    `  sum alone ${sum.toFixed(1)} ms, set ${setMs.toFixed(1)} ms (${((setMs * 1e6) / n).toFixed(0)} ns/candle): set/sum ${ratio.toFixed(2)}x ${against(ratio, '<', 1.3, 'x')}`,
  );

  const peers = fastestInterleaved(3, [
    ['ours', () => ours(candles)],
    ['technicalindicators', () => technicalIndicators(candles)],
    ['trading-signals', () => tradingSignals(candles)],
    ['talib', () => taLib(candles)],
  ]);
  const oursMs = peers.get('ours') as number;
  const line = (name: string, key: string): string => {
    const ms = peers.get(key) as number;
    return `  ${name.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms  ${((ms * 1e6) / n).toFixed(0).padStart(6)} ns/candle  ours is ${(ms / oursMs).toFixed(2)}x faster`;
  };
  console.log(
    `Full indicator set against other libraries, same file, fastest of 3 interleaved rounds:`,
  );
  console.log(
    `  ${'ours (streaming, O(1)/candle)'.padEnd(34)} ${oursMs.toFixed(1).padStart(8)} ms  ${((oursMs * 1e6) / n).toFixed(0).padStart(6)} ns/candle`,
  );
  console.log(line('technicalindicators (batch arrays)', 'technicalindicators'));
  console.log(line('trading-signals (streaming)', 'trading-signals'));
  console.log(line('talib native (batch arrays)', 'talib'));
  if (!Number.isFinite(sink.value)) console.log('  (sink not finite)');
}
