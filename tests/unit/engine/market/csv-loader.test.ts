import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CandleFileError, loadCandleCsv } from '../../../../src-main/engine/market/csv-loader';
import { sharedCandleFile } from '../../../support/candle-data';
import { useTempDirs } from '../../../support/temp-dir';

const HEADER = 'timestamp,open,high,low,close,volume';

describe('loadCandleCsv on real data', () => {
  it('loads the 45k-row FTX 1m file with no gaps', async () => {
    const loaded = await loadCandleCsv(sharedCandleFile('ftx_BTC-PERP_1m.csv'));
    expect(loaded).toMatchObject({
      exchange: 'ftx',
      symbol: 'BTC/PERP',
      timeframe: '1m',
      rows: 45031,
      gaps: [],
      violations: [],
    });
    expect(loaded.candles).toHaveLength(45031);
    expect(loaded.candles[0]).toEqual({
      openTime: 1640991660000,
      open: 46319,
      high: 46385,
      low: 46319,
      close: 46377,
      volume: 2300413.7295,
    });
    expect(loaded.candles.at(-1)?.openTime).toBe(Date.parse('2022-02-01T05:31:00Z'));
  });

  it('parses exponent notation and reports real gaps without filling them', async () => {
    const loaded = await loadCandleCsv(sharedCandleFile('bittrex_ADA-BTC_5m.csv'));
    expect(loaded.candles[0]).toEqual({
      openTime: 1515560100000,
      open: 5.33e-5,
      high: 5.33e-5,
      low: 5.288e-5,
      close: 5.29e-5,
      volume: 431401.97869504,
    });
    // README: 5 gaps, 40 missing, longest 33 from 2018-01-15T12:00Z.
    expect(loaded.gaps).toHaveLength(5);
    expect(loaded.gaps.reduce((n, g) => n + g.missing, 0)).toBe(40);
    expect(loaded.gaps).toContainEqual({
      afterOpenTime: Date.parse('2018-01-15T11:55:00Z'),
      missing: 33,
    });
    expect(loaded.candles).toHaveLength(5720);
  });

  it('refuses the coinbase 1h file, naming every out-of-order line', async () => {
    const path = sharedCandleFile('coinbase_BTC-USD_1h.csv');
    const error = await loadCandleCsv(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CandleFileError);
    const violations = (error as CandleFileError).violations;
    expect(violations.map((v) => v.line)).toEqual([3207, 3209, 3211, 3213, 3215]);
    expect(violations[0]?.reason).toContain('out of order');
    expect(violations[0]?.reason).toContain('2017-11-11T23:00:00.000Z');
    expect((error as Error).message).toContain('coinbase_BTC-USD_1h.csv');
    expect((error as Error).message).toContain('line 3207');
  });

  it('with skipInvalid keeps the valid rows and reports exactly what was dropped', async () => {
    const loaded = await loadCandleCsv(sharedCandleFile('coinbase_BTC-USD_1h.csv'), {
      skipInvalid: true,
    });
    expect(loaded.rows).toBe(20111);
    expect(loaded.candles).toHaveLength(20106);
    expect(loaded.violations.map((v) => v.line)).toEqual([3207, 3209, 3211, 3213, 3215]);
    // Dropping the back-dated copies leaves a visible 5-slot hole, not a filled one.
    expect(loaded.gaps).toEqual([
      { afterOpenTime: Date.parse('2017-11-11T22:00:00Z'), missing: 5 },
    ]);
  });
});

describe('loadCandleCsv on malformed input (synthetic: real files have none of these)', () => {
  const tempDir = useTempDirs();
  const write = (name: string, body: string): string => {
    const path = join(tempDir(), name);
    writeFileSync(path, body);
    return path;
  };

  it('reports each kind of bad row with its line', async () => {
    const path = write(
      'test_AAA-BBB_1m.csv',
      [
        HEADER,
        '60000,1,2,0.5,1.5,10', // 2 ok
        '120000,1,0.9,0.5,1,10', // 3 high < open
        '180000,1,2,1.2,1.5,10', // 4 low > min(open, close)
        '240000,1,2,0.5,1.5,-1', // 5 negative volume
        '250000,1,2,0.5,1.5,1', // 6 misaligned
        '300000,NaN,2,0.5,1.5,1', // 7 NaN
        '360000,1,Infinity,0.5,1.5,1', // 8 infinity
        '420000,1,2,0.5,1.5', // 9 missing field
        '480000,1,2,0.5,1.5,1', // 10 ok
        '480000,1,2,0.5,1.5,1', // 11 duplicate
        '420000,1,2,0.5,1.5,1', // 12 out of order
        '540000,1,2,,1.5,1', // 13 empty cell
        '600000,0x1,2,0.5,1.5,1', // 14 hex
        '660000,1e0,2E0,5e-1,1.5,1', // 15 ok, exponent
        '',
      ].join('\n'),
    );
    const error = (await loadCandleCsv(path).catch((e: unknown) => e)) as CandleFileError;
    expect(error).toBeInstanceOf(CandleFileError);
    const byLine = Object.fromEntries(error.violations.map((v) => [v.line, v.reason]));
    expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]);
    expect(byLine[3]).toContain('high 0.9 < max(open 1, close 1)');
    expect(byLine[4]).toContain('low 1.2 > min');
    expect(byLine[5]).toContain('volume -1 is negative');
    expect(byLine[6]).toContain('not aligned');
    expect(byLine[7]).toContain("open 'NaN' is not a number");
    expect(byLine[8]).toContain("high 'Infinity'");
    expect(byLine[9]).toContain('expected 6 fields, found 5');
    expect(byLine[11]).toContain('duplicate timestamp 480000');
    expect(byLine[12]).toContain('out of order');
    expect(byLine[13]).toContain("low '' is not a number");
    expect(byLine[14]).toContain("open '0x1'");

    const kept = await loadCandleCsv(path, { skipInvalid: true });
    expect(kept.candles.map((c) => c.openTime)).toEqual([60000, 480000, 660000]);
    expect(kept.candles[2]).toMatchObject({ open: 1, high: 2, low: 0.5 });
    expect(kept.gaps).toEqual([
      { afterOpenTime: 60000, missing: 6 },
      { afterOpenTime: 480000, missing: 2 },
    ]);
  });

  it('refuses a bad file name, a bad header, an empty file and a blank line inside the data', async () => {
    await expect(loadCandleCsv(write('btc.csv', `${HEADER}\n60000,1,1,1,1,1\n`))).rejects.toThrow(
      'does not match <exchange>_<BASE-QUOTE>_<timeframe>.csv',
    );
    await expect(
      loadCandleCsv(write('x_A-B_2m.csv', `${HEADER}\n120000,1,1,1,1,1\n`)),
    ).rejects.toThrow("unsupported timeframe '2m'");
    await expect(
      loadCandleCsv(write('x_A-B_1m.csv', 'time,open,high,low,close,volume\n60000,1,1,1,1,1\n')),
    ).rejects.toThrow("header is 'time,open,high,low,close,volume'");
    await expect(loadCandleCsv(write('y_A-B_1m.csv', ''))).rejects.toThrow('file is empty');
    await expect(loadCandleCsv(write('z_A-B_1m.csv', `${HEADER}\n`))).rejects.toThrow(
      'no data rows',
    );
    await expect(
      loadCandleCsv(write('w_A-B_1m.csv', `${HEADER}\n60000,1,1,1,1,1\n\n120000,1,1,1,1,1\n`)),
    ).rejects.toThrow('line 3: blank line inside the data');
  });

  it('accepts CRLF line endings and a missing final newline', async () => {
    const loaded = await loadCandleCsv(
      write('v_A-B_1m.csv', `${HEADER}\r\n60000,1,1,1,1,1\r\n120000,1,1,1,1,1`),
    );
    expect(loaded.candles.map((c) => c.openTime)).toEqual([60000, 120000]);
  });
});
