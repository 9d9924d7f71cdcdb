import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src-main/host/cli/run-cli';
import { sharedCandleFile } from '../../../support/candle-data';
import { captureIo } from '../../../support/capture-io';
import { useTempDirs } from '../../../support/temp-dir';
import { taLibRows } from '../../../support/ta-lib-reference';
import { loadCandleCsv } from '../../../../src-main/engine/market/csv-loader';
import { defined } from '../../../support/defined';

const KEYS = [
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
];

describe('vigil indicators', () => {
  const tempDir = useTempDirs();

  it('--json prints one array, one object per candle, exactly the documented keys', async () => {
    const file = sharedCandleFile('bittrex_ETC-BTC_1h.csv');
    const io = captureIo();
    expect(await runCli(['indicators', '--csv', file, '--json'], io)).toBe(0);
    const rows = JSON.parse(io.out.join('')) as Array<Record<string, number | null>>;
    const { candles } = await loadCandleCsv(file);
    expect(rows).toHaveLength(candles.length);
    for (const row of rows) expect(Object.keys(row)).toEqual(KEYS);
    expect(defined(rows[0]).rsi14).toBeNull();
    expect(defined(rows[0]).obv).toBe(defined(candles[0]).volume);
    expect(defined(rows[33]).macd).not.toBeNull();
    expect(defined(rows[32]).macd).toBeNull();
    // Same numbers as TA-Lib (the full agreement proof is in the indicators tests).
    const reference = taLibRows(candles);
    const last = defined(rows.at(-1));
    const expected = defined(reference.at(-1));
    for (const key of KEYS)
      expect(last[key]).toBeCloseTo(expected[key as keyof typeof expected] as number, 6);
  });

  it('a bad file prints the loader errors with file:line and exits 1', async () => {
    const dir = tempDir();
    const file = join(dir, 'ftx_BTC-PERP_1m.csv');
    writeFileSync(
      file,
      'timestamp,open,high,low,close,volume\n60000,1,2,0.5,1.5,3\n120000,1,0.5,1,1,3\n',
    );
    const io = captureIo();
    expect(await runCli(['indicators', '--csv', file, '--json'], io)).toBe(1);
    expect(io.err.join('')).toContain('line 3');
    expect(io.out.join('')).toBe('');
  });

  it('a missing --csv is a usage error', async () => {
    const io = captureIo();
    expect(await runCli(['indicators', '--json'], io)).toBe(2);
    expect(io.err.join('')).toContain('--csv FILE is required');
  });
});
