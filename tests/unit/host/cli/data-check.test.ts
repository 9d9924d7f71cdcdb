import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src-main/host/cli/run-cli';
import type { CandleFileReport } from '../../../../src-main/engine/market/data-check';
import { captureIo } from '../../../support/capture-io';
import { SHARED_CANDLES_DIR, sharedCandleFile } from '../../../support/candle-data';

describe('vigil data check', () => {
  it('passes every shared candle file except the coinbase 1h defect, reported at its lines', async () => {
    const io = captureIo();
    expect(await runCli(['data', 'check', SHARED_CANDLES_DIR, '--json'], io)).toBe(1);
    const report = JSON.parse(io.out.join('')) as { ok: boolean; files: CandleFileReport[] };
    expect(report.files).toHaveLength(40);
    const failed = report.files.filter((f) => !f.ok);
    expect(failed.map((f) => f.file)).toEqual([sharedCandleFile('coinbase_BTC-USD_1h.csv')]);
    expect(failed[0]?.violations.map((v) => v.line)).toEqual([3207, 3209, 3211, 3213, 3215]);
    expect(report.files.reduce((n, f) => n + f.rows, 0)).toBe(240028);
    // README figures for a gap-heavy series.
    const dash = report.files.find((f) => f.file.endsWith('bittrex_DASH-BTC_1m.csv'));
    expect(dash?.gaps).toMatchObject({ count: 1493, missing: 1954, longest: { missing: 6 } });
    expect(dash?.gaps.longest?.from).toBe(Date.parse('2018-01-27T00:20:00Z'));
  });

  it('passes every bundled replay file', async () => {
    const io = captureIo();
    expect(await runCli(['data', 'check', 'resources/data', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out.join('')) as { ok: boolean; files: CandleFileReport[] };
    expect(report.files.map((f) => f.file.split('/').at(-1))).toContain('binance_ETH-BTC_5m.csv');
    expect(report.files).toHaveLength(6);
  });

  it('prints a readable report and exits 0 for a clean file', async () => {
    const io = captureIo();
    expect(await runCli(['data', 'check', sharedCandleFile('bittrex_ADA-BTC_5m.csv')], io)).toBe(0);
    expect(io.out.join('')).toContain('OK   ');
    expect(io.out.join('')).toContain(
      'bittrex ADA/BTC 5m: 5720 rows (5720 valid), 2018-01-10T04:55:00.000Z .. 2018-01-30T04:50:00.000Z',
    );
    expect(io.out.join('')).toContain(
      'gaps: 5, missing slots: 40, longest 33 from 2018-01-15T12:00:00.000Z',
    );
  });

  it('names the violating lines in text mode', async () => {
    const io = captureIo();
    expect(await runCli(['data', 'check', sharedCandleFile('coinbase_BTC-USD_1h.csv')], io)).toBe(
      1,
    );
    expect(io.out.join('')).toContain('FAIL');
    expect(io.out.join('')).toContain(
      'line 3215: timestamp 1510455600000 (2017-11-12T03:00:00.000Z) is out of order',
    );
  });

  it('with --skip-invalid reports the dropped rows and exits 0 when every file loads', async () => {
    const io = captureIo();
    const file = sharedCandleFile('coinbase_BTC-USD_1h.csv');
    expect(await runCli(['data', 'check', file, '--skip-invalid'], io)).toBe(0);
    expect(io.out.join('')).toContain('DROP');
    expect(io.out.join('')).toContain('dropped line 3207: timestamp 1510441200000');
    expect(io.out.join('')).toContain('1 file(s) checked, 1 with violations, 5 row(s) dropped');
  });

  it('exits 2 on usage errors', async () => {
    for (const argv of [
      ['data'],
      ['data', 'check'],
      ['data', 'check', '/no/such/path'],
      ['data', 'check', SHARED_CANDLES_DIR, '--bogus'],
    ]) {
      const io = captureIo();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.err.join('')).toContain('Usage: vigil data check');
    }
  });
});
