import { createRequire } from 'node:module';
import type TaLibModule from 'talib';
import type { Candle } from '../../src-shared/domain/candle';
import {
  TA_LIB_INDICATOR_KEYS,
  type TaLibIndicatorValues,
} from '../../src-main/engine/scanner/indicators/indicator-set';

type TaLib = typeof TaLibModule;

/**
 * The native TA-Lib binding (dev dependency `talib`, which bundles TA-Lib's C source). It is a
 * NAN addon, so it must be compiled against the running Node's headers: a build made with
 * `npm_config_nodedir` pointing at another Node (e.g. a system Node 20 in /usr) fails to load.
 */
export const talib: TaLib = loadTaLib();

function loadTaLib(): TaLib {
  try {
    return createRequire(import.meta.url)('talib') as TaLib;
  } catch (error) {
    throw new Error(
      `cannot load the talib native addon under Node ${process.version}: ${(error as Error).message}\n` +
        `Rebuild it against this Node's headers: npm_config_nodedir=${process.execPath.replace(/\/bin\/node$/, '')} npm rebuild talib`,
      { cause: error },
    );
  }
}

type Key = Exclude<(typeof TA_LIB_INDICATOR_KEYS)[number], 'timestamp'>;

/** Column-wise TA-Lib output for a series, `null` where TA-Lib has no value. */
export type TaLibColumns = Record<Key, Array<number | null>>;

function run(
  name: string,
  candles: readonly Candle[],
  options: Record<string, number>,
): Record<string, Array<number | null>> {
  const endIdx = candles.length - 1;
  const result = talib.execute({
    name,
    startIdx: 0,
    endIdx,
    open: candles.map((c) => c.open),
    high: candles.map((c) => c.high),
    low: candles.map((c) => c.low),
    close: candles.map((c) => c.close),
    volume: candles.map((c) => c.volume),
    inReal: candles.map((c) => c.close),
    ...options,
  });
  const columns: Record<string, Array<number | null>> = {};
  for (const [output, values] of Object.entries(result.result) as Array<[string, number[]]>) {
    const column = new Array<number | null>(candles.length).fill(null);
    values.forEach((v, i) => {
      column[result.begIndex + i] = v;
    });
    columns[output] = column;
  }
  return columns;
}

function col(columns: Record<string, Array<number | null>>, name: string): Array<number | null> {
  const found = columns[name];
  if (found === undefined) throw new Error(`TA-Lib returned no ${name}`);
  return found;
}

/** The whole indicator set computed by TA-Lib over a full series in one call per function. */
export function taLibColumns(candles: readonly Candle[]): TaLibColumns {
  const macd = run('MACD', candles, {
    optInFastPeriod: 12,
    optInSlowPeriod: 26,
    optInSignalPeriod: 9,
  });
  const bands = run('BBANDS', candles, {
    optInTimePeriod: 20,
    optInNbDevUp: 2,
    optInNbDevDn: 2,
    optInMAType: 0,
  });
  const stoch = run('STOCH', candles, {
    optInFastK_Period: 14,
    optInSlowK_Period: 3,
    optInSlowK_MAType: 0,
    optInSlowD_Period: 3,
    optInSlowD_MAType: 0,
  });
  return {
    rsi14: col(run('RSI', candles, { optInTimePeriod: 14 }), 'outReal'),
    ema20: col(run('EMA', candles, { optInTimePeriod: 20 }), 'outReal'),
    sma20: col(run('SMA', candles, { optInTimePeriod: 20 }), 'outReal'),
    macd: col(macd, 'outMACD'),
    macdSignal: col(macd, 'outMACDSignal'),
    macdHist: col(macd, 'outMACDHist'),
    bbUpper: col(bands, 'outRealUpperBand'),
    bbMiddle: col(bands, 'outRealMiddleBand'),
    bbLower: col(bands, 'outRealLowerBand'),
    atr14: col(run('ATR', candles, { optInTimePeriod: 14 }), 'outReal'),
    stochK: col(stoch, 'outSlowK'),
    stochD: col(stoch, 'outSlowD'),
    cci20: col(run('CCI', candles, { optInTimePeriod: 20 }), 'outReal'),
    mfi14: col(run('MFI', candles, { optInTimePeriod: 14 }), 'outReal'),
    adx14: col(run('ADX', candles, { optInTimePeriod: 14 }), 'outReal'),
    obv: col(run('OBV', candles, {}), 'outReal'),
  };
}

/** The TA-Lib set as rows, like `vigil indicators` prints. */
export function taLibRows(candles: readonly Candle[]): TaLibIndicatorValues[] {
  const columns = taLibColumns(candles);
  return candles.map((candle, i) => {
    const row: Record<string, number | null> = { timestamp: candle.openTime };
    for (const key of TA_LIB_INDICATOR_KEYS) {
      if (key !== 'timestamp') row[key] = columns[key][i] ?? null;
    }
    return row as unknown as TaLibIndicatorValues;
  });
}
