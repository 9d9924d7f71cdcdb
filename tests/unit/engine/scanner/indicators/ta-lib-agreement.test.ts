import { describe, expect, it } from 'vitest';
import { loadCandleCsv } from '../../../../../src-main/engine/market/csv-loader';
import {
  IndicatorSet,
  TA_LIB_INDICATOR_KEYS,
  taLibValues,
} from '../../../../../src-main/engine/scanner/indicators/indicator-set';
import { sharedCandleFile } from '../../../../support/candle-data';
import { taLibRows } from '../../../../support/ta-lib-reference';

const RELATIVE_TOLERANCE = 1e-9;

/**
 * Real shared files: the long consecutive FTX series, gap-heavy illiquid Bittrex 1m/5m pairs
 * (tiny BTC-quoted prices exercise TA-Lib's zero tests), and 1h/1d series with gaps.
 */
const FILES = [
  'ftx_BTC-PERP_1m.csv',
  'bittrex_POWR-BTC_1m.csv',
  'bittrex_DASH-BTC_1m.csv',
  'bittrex_NXT-BTC_1m.csv',
  'bittrex_ADA-BTC_5m.csv',
  'binance_ETH-BTC_1h.csv',
  'coinbase_BTC-USD_1d.csv',
  'bitstamp_ETH-USD_1d.csv',
];

describe('streaming indicators agree with TA-Lib', () => {
  it.each(FILES)('%s: every TA-Lib value within 1e-9 relative, same warm-up', async (file) => {
    const loaded = await loadCandleCsv(sharedCandleFile(file));
    const reference = taLibRows(loaded.candles);
    const set = new IndicatorSet();
    let compared = 0;
    const mismatches: string[] = [];
    loaded.candles.forEach((candle, i) => {
      const ours = taLibValues(set.update(candle));
      const theirs = reference[i];
      if (theirs === undefined) throw new Error('reference shorter than input');
      for (const key of TA_LIB_INDICATOR_KEYS) {
        const a = ours[key];
        const b = theirs[key];
        if (b === null) {
          if (a !== null) mismatches.push(`${key}[${i}]: ours ${a}, TA-Lib still warming up`);
          continue;
        }
        compared += 1;
        if (a === null) {
          mismatches.push(`${key}[${i}]: ours null, TA-Lib ${b}`);
          continue;
        }
        const scale = Math.max(Math.abs(a), Math.abs(b));
        if (Math.abs(a - b) > RELATIVE_TOLERANCE * scale) {
          mismatches.push(`${key}[${i}]: ours ${a}, TA-Lib ${b}`);
        }
      }
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(compared).toBeGreaterThan(loaded.candles.length * 10);
    if (
      loaded.gaps.length === 0 &&
      file !== 'ftx_BTC-PERP_1m.csv' &&
      file !== 'binance_ETH-BTC_1h.csv'
    ) {
      throw new Error(`${file} was chosen for its gaps but has none`);
    }
  });
});
