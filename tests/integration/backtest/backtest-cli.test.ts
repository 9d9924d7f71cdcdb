import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { backtestInWorker } from '../../../src-main/engine/backtest/backtest-worker-client';
import { runBacktest } from '../../../src-main/engine/backtest/run-backtest';
import { backtestCommand } from '../../../src-main/host/cli/commands/backtest';
import { DEFAULT_SCANNER_CONFIG } from '../../../src-main/engine/scanner/scoring/scanner-config';
import { runCli } from '../../../src-main/host/cli/run-cli';
import { storePriorAsCalibrated } from '../../support/calibration-fixture';
import { captureIo, type CapturedIo } from '../../support/capture-io';
import { parseCsv } from '../../support/csv-parse';
import { useTempDirs } from '../../support/temp-dir';

// `vigil backtest` in-process, on the bundled replay (real Binance candles, May-June 2018),
// the run itself in its worker thread as the built CLI runs it.

const tempDir = useTempDirs();

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await runCli(['backtest', ...args], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('vigil backtest', () => {
  it('names the problem and where for bad input, before anything runs', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.pdf');
    const base = ['--out', out];
    expect(await cli(['--data', '/nonexistent-candles', ...base])).toMatchObject({
      code: 1,
      err: 'vigil backtest: --data: no such folder: /nonexistent-candles\n',
    });
    expect(await cli(['--data', 'resources/data', '--from', '2018-02-30', ...base])).toMatchObject({
      code: 1,
      err: "vigil backtest: --from: '2018-02-30' is not a calendar day (YYYY-MM-DD)\n",
    });
    const tf = await cli(['--data', 'resources/data', '--timeframes', '1h,2h', ...base]);
    expect(tf.code).toBe(2);
    expect(tf.err).toContain("--timeframes: unknown timeframe '2h'");
    const risk = file(dir, 'risk.json', JSON.stringify({ maxLeverage: 50, timeZone: 'UTC' }));
    const badRisk = await cli(['--data', 'resources/data', '--risk', risk, ...base]);
    expect(badRisk.code).toBe(1);
    expect(badRisk.err).toMatch(new RegExp(`^vigil backtest: --risk ${risk}: maxLeverage: `));
    const broken = file(dir, 'broken.json', '{"maxLeverage": ');
    const notJson = await cli(['--data', 'resources/data', '--risk', broken, ...base]);
    expect(notJson.code).toBe(1);
    expect(notJson.err).toBe(
      `vigil backtest: --risk ${broken}: not readable as JSON: Unexpected end of JSON input\n`,
    );
    const scanner = file(dir, 'scanner.json', JSON.stringify({ tier: { primeEnter: 0.6 } }));
    expect(await cli(['--data', 'resources/data', '--scanner', scanner, ...base])).toMatchObject({
      code: 1,
      err: `vigil backtest: --scanner ${scanner}: tier: unknown setting\n`,
    });
    expect((await cli(['--data', 'resources/data', '--autopilot', 'on', ...base])).code).toBe(2);
    expect((await cli(['--data', 'resources/data', '--out', join(dir, 'r.txt')])).code).toBe(2);
    // Past the data: found once the files are loaded, with the data's own days.
    const late = await cli(['--data', 'resources/data', '--from', '2019-01-01', ...base]);
    expect(late.code).toBe(1);
    expect(late.err).toContain(
      'vigil backtest: --from: 2019-01-01 is after the data; the data runs from 2018-05-08 to 2018-06-18 (UTC)',
    );
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('prints progress on stderr and the metrics as one JSON object; the data end kills nothing', async () => {
    const dir = tempDir();
    const scanner = file(
      dir,
      's.json',
      JSON.stringify({ tiers: { primeEnter: 0.6, primeStay: 0.55 } }),
    );
    const out = join(dir, 'bt.pdf');
    const csv = join(dir, 'bt.csv');
    // Only a calibrated P can be PRIME: the data folder holds the fixture that stores the
    // prior as each bundled market's calibration, and `vigil backtest` copies it from there.
    const dataDir = join(dir, 'vigil');
    storePriorAsCalibrated(dataDir, DEFAULT_SCANNER_CONFIG);
    const run = await cli([
      '--data',
      'resources/data',
      '--scanner',
      scanner,
      '--out',
      out,
      '--csv',
      csv,
      '--json',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      /^backtest: loading the candle files\nbacktest: 5% \(reached 2018-05-18 /,
    );
    expect(run.err).toContain('backtest: 50% (reached ');
    expect(run.err).toContain('backtest: writing the report\n');
    const metrics = JSON.parse(run.out) as Record<string, unknown>;
    expect(run.out.trim().split('\n')).toHaveLength(1);
    expect(metrics).toMatchObject({ from: '2018-05-18', to: '2018-06-18', currency: 'USDT' });
    for (const key of ['trades', 'fees', 'realizedPnl', 'maxDrawdown', 'sharpe', 'sortino'])
      expect(metrics).toHaveProperty(key);
    expect(Number(metrics['trades'])).toBeGreaterThanOrEqual(2);
    // A position still open when the data ends is not a lost feed: no kill, nothing cancelled.
    expect(metrics).toMatchObject({ kills: 0, halts: 0 });
    // A spot paper account: short plans are made, then refused by the venue, and said so.
    expect(Number(metrics['plans'])).toBeGreaterThan(Number(metrics['trades']));
    // Counted by cause, not by the words (each refusal's figures differ): one row per cause,
    // with the first refusal's own words.
    const skipped = metrics['skipped'] as Array<{ why: string; reason: string; count: number }>;
    expect(skipped).toContainEqual({
      why: 'refused-at-send',
      reason: expect.stringMatching(
        /^refused at send: paper: selling \d+(\.\d+)? ([A-Z]+)\/[A-Z]+ needs \d+(\.\d+)? \2, the account has 0 \2 free$/,
      ),
      count: expect.any(Number),
    });
    expect(new Set(skipped.map((s) => s.why)).size).toBe(skipped.length);
    expect(skipped.find((s) => s.why === 'refused-at-send')?.count).toBeGreaterThan(1);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The monthly export's CSVs: a closed lot per trade at least, every fill beside them.
    const lots = parseCsv(readFileSync(csv, 'utf8'));
    expect(lots.length).toBeGreaterThanOrEqual(Number(metrics['trades']));
    expect(lots[0]).toHaveProperty('Gain or Loss');
    const fills = parseCsv(readFileSync(join(dir, 'bt-fills.csv'), 'utf8'));
    expect(fills).toHaveLength(Number(metrics['fills']));
    // The data ends with the last entry, a BTC/USDT buy, still open: nothing closes it (the end
    // of the data is not a trade), and the metrics say what is open, valued at the market's
    // last close (the 5m file's last candle closes at 6716.46).
    const last = fills.at(-1);
    expect(last).toMatchObject({ Symbol: 'BTC/USDT', Side: 'buy' });
    const qty = new Decimal(last?.['Quantity'] ?? 'NaN');
    const entry = new Decimal(last?.['Price'] ?? 'NaN');
    const unrealized = qty.times(new Decimal('6716.46').minus(entry)).toFixed();
    expect(metrics['openPositions']).toEqual([
      {
        symbol: 'BTC/USDT',
        direction: 'long',
        quantity: qty.toFixed(),
        mark: '6716.46',
        unrealizedPnl: unrealized,
      },
    ]);
    expect(metrics['unrealizedPnl']).toBe(unrealized);
  }, 120_000);

  it('runs the days asked for (after the warm-up), and with the autopilot off sends nothing', async () => {
    const dir = tempDir();
    const run = await cli([
      '--data',
      'resources/data',
      '--from',
      '2018-06-01',
      '--to',
      '2018-06-03',
      '--autopilot',
      'off',
      '--out',
      join(dir, 'days.pdf'),
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({
      from: '2018-06-01',
      to: '2018-06-03',
      plans: 0,
      trades: 0,
      fills: 0,
      fees: '0',
    });
    // Before the warm-up ends, the backtest starts where the warm-up ends.
    const early = await cli([
      '--data',
      'resources/data',
      '--from',
      '2018-05-01',
      '--to',
      '2018-05-19',
      '--autopilot',
      'off',
      '--out',
      join(dir, 'early.pdf'),
      '--json',
    ]);
    expect(JSON.parse(early.out)).toMatchObject({ from: '2018-05-18', to: '2018-05-19' });
  }, 120_000);

  it('Ctrl-C cancels cleanly between two bars: exit 130, nothing written', async () => {
    const dir = tempDir();
    const out = join(dir, 'cancelled.pdf');
    const io: CapturedIo = captureIo();
    // The run in this thread, so the Ctrl-C lands while it replays, whatever the machine's
    // speed: the command's abort reaches the run before its next bar close (the worker's
    // run reads the same abort through a shared cell; see the next test).
    let barsAfterCtrlC = -1;
    const code = await backtestCommand(['--data', 'resources/data', '--out', out], io, {
      run: (plan, options) =>
        runBacktest({
          plan,
          cancelled: () => options.signal?.aborted === true,
          onProgress: (update) => {
            options.onProgress?.(update);
            if (barsAfterCtrlC >= 0) barsAfterCtrlC += 1;
            else if (update.stage === 'replaying' && update.fraction > 0.2) {
              barsAfterCtrlC = 0;
              io.signal('SIGINT');
            }
          },
        }),
    });
    // Progress is reported at most once per 1% of the bars: the run stopped within one step.
    expect(barsAfterCtrlC).toBeLessThanOrEqual(1);
    expect(code).toBe(130);
    expect(io.err.join('')).toMatch(/backtest: cancelled; nothing was written\n$/);
    expect(io.err.join('')).not.toContain('writing the report');
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('a cancel asked before the worker starts stops the run at its first bar', async () => {
    const dir = tempDir();
    const out = join(dir, 'cancelled.pdf');
    const io: CapturedIo = captureIo();
    const seen: string[] = [];
    const code = await backtestCommand(['--data', 'resources/data', '--out', out], io, {
      run: (plan) => {
        const abort = new AbortController();
        abort.abort();
        return backtestInWorker(plan, {
          signal: abort.signal,
          onProgress: (update) => seen.push(update.stage),
        });
      },
    });
    expect(code).toBe(130);
    expect(io.err.join('')).toMatch(/backtest: cancelled; nothing was written\n$/);
    // Loaded, then stopped before the first bar's progress step: no bar was replayed.
    expect(seen).toEqual(['loading']);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
