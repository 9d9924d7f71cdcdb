import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../src-main/host/cli/run-cli';
import { sharedCandleFile } from '../../../support/candle-data';
import { captureIo } from '../../../support/capture-io';
import { useTempDirs } from '../../../support/temp-dir';
import { defined } from '../../../support/defined';

// Real files: a gappy Bittrex 5m pair, the Binance snapshot (5m wins over its 1h), and a daily
// file that cannot feed a 15m scan (reported as not scanned).
const FILES = [
  'bittrex_POWR-BTC_5m.csv',
  'binance_ETH-USDT_5m.csv',
  'binance_ETH-USDT_1h.csv',
  'bitstamp_LTC-USD_1d.csv',
];

describe('vigil scan', () => {
  const tempDir = useTempDirs();

  function dataDir(): string {
    const dir = tempDir();
    for (const f of FILES) copyFileSync(sharedCandleFile(f), join(dir, f));
    return dir;
  }

  it('is byte-identical across runs (text and JSON)', async () => {
    const dir = dataDir();
    const outputs: string[] = [];
    for (const args of [[], [], ['--json'], ['--json']]) {
      const io = captureIo();
      expect(await runCli(['scan', '--data', dir, '--timeframes', '15m,1h,4h', ...args], io)).toBe(
        0,
      );
      expect(io.err.join('')).toBe('');
      outputs.push(io.out.join(''));
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[3]).toBe(outputs[2]);
    const report = JSON.parse(defined(outputs[2])) as {
      markets: Array<{
        symbol: string;
        final: { tier: string; gates: unknown[]; contributions: unknown[] } | null;
        transitions: Array<{ at: number; from: string; to: string }>;
      }>;
      skipped: Array<{ file: string }>;
    };
    expect(report.markets.map((m) => m.symbol)).toEqual(['ETH/USDT', 'POWR/BTC']);
    for (const m of report.markets) {
      expect(m.final).not.toBeNull();
      expect(defined(m.final).gates).toHaveLength(4);
      expect(defined(m.final).contributions).toHaveLength(8);
      for (const t of m.transitions) expect(t.from).not.toBe(t.to);
    }
    expect(report.skipped.map((s) => s.file)).toEqual([
      'binance_ETH-USDT_1h.csv',
      'bitstamp_LTC-USD_1d.csv',
    ]);
    expect(outputs[0]).toContain('tier ');
    expect(outputs[0]).toContain('top factors: ');
  }, 120_000); // four full replays, each starting a worker thread on a shared machine

  it('prints, on the bundled replay data, exactly the bytes it printed before the hot-path work', async () => {
    // The fixtures are the output of the scanner as it was before issue 16's second pass made
    // it faster (commit 3008702), with each signal's ATR levels added since (issue 15, a new
    // field, nothing else moved), and since issue 17 each signal's `calibrated` flag and the
    // text's "uncalibrated" beside P (a scan reads no stored calibration), and each tier
    // transition's `calibrated` flag (the alerts word P by it), and each final signal's
    // `tierSince`/`tierSinceKnown` (the board's time in tier; the JSON only, checked equal to the
    // fixture before once those two fields are taken out): speed work must not change a single
    // byte of a report.
    for (const [args, fixture] of [
      [[], 'resources-data.txt'],
      [['--json'], 'resources-data.json'],
    ] as const) {
      const io = captureIo();
      expect(await runCli(['scan', '--data', 'resources/data', ...args], io)).toBe(0);
      expect(io.out.join('')).toBe(readFileSync(join('tests/fixtures/scan', fixture), 'utf8'));
    }
  }, 60_000);

  it('refuses an unknown timeframe and a missing folder with usage errors', async () => {
    const io = captureIo();
    expect(await runCli(['scan', '--data', tempDir(), '--timeframes', '15m,2h'], io)).toBe(2);
    expect(io.err.join('')).toContain("unknown timeframe '2h'");
    const io2 = captureIo();
    expect(await runCli(['scan', '--data', '/nonexistent/folder'], io2)).toBe(2);
  });
});
