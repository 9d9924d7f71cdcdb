import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Calibration, CalibrationProgress } from '../../src-shared/contract/calibration';
import { createCommandHandlers } from '../../src-main/engine/handlers';
import { probabilityOf } from '../../src-main/engine/scanner/scoring/probability';
import { DEFAULT_SCANNER_CONFIG } from '../../src-main/engine/scanner/scoring/scanner-config';
import { runCli } from '../../src-main/host/cli/run-cli';
import { captureIo } from '../support/capture-io';
import { defined } from '../support/defined';
import { startReplayHost, type ReplayHost } from '../support/replay-host';
import { useTempDirs } from '../support/temp-dir';

// Calibration through the running host on the bundled replay (real Binance candles, May-June
// 2018): the host starts uncalibrated, `vigil calibrate` runs the walk-forward on the same
// folder through it, and the board re-grades at once; the stored calibration survives a
// restart. Which markets beat the base rate is what the real data gives (see the README).

const tempDir = useTempDirs();
const hosts: ReplayHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
});

async function start(dir: string): Promise<ReplayHost> {
  const h = await startReplayHost(dir);
  hosts.push(h);
  return h;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

const find = (list: readonly Calibration[], symbol: string, timeframe: string): Calibration =>
  defined(list.find((c) => c.symbol === symbol && c.timeframe === timeframe));

describe('vigil calibrate through the running host', () => {
  it('stores calibrations with provenance, the board uses only those that beat the base rate, at once and after a restart', async () => {
    const dir = tempDir();
    const h = await start(dir);
    const call = h.host.client.call;
    const before = await call('listSignals', {});
    expect(before.length).toBeGreaterThan(0);
    // Nothing calibrated yet: no P on the board is a win chance, and nothing is PRIME.
    for (const row of before) {
      expect(row.calibrated).toBe(false);
      expect(row.tier).not.toBe('PRIME');
    }
    expect(await call('listCalibrations', {})).toEqual([]);

    const run = await cli(['calibrate', '--data', 'resources/data', '--data-dir', dir]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('binance ETH/USDT 1h  USED: beats the base rate out of sample');
    expect(run.out).toMatch(
      /binance BTC\/USDT 1h {2}not used: out-of-sample Brier [\d.]+ does not beat/,
    );
    expect(run.out).toContain('stored by the running Vigil: its board uses it now');

    const stored = await call('listCalibrations', {});
    // Three markets x three timeframes, each with its provenance and out-of-sample scores.
    expect(stored).toHaveLength(9);
    for (const c of stored) {
      expect(c.file).toMatch(/^binance_.*\.csv$/);
      expect(c.dataFrom).toBeLessThan(c.dataTo);
      expect(c.fittedAt).toBe(h.clock.now());
      expect(c.reliability.reduce((n, b) => n + b.count, 0)).toBe(c.outOfSample);
      expect(c.current).toBe(true);
      if (c.usable) expect(c.brier).toBeLessThan(defined(c.baseBrier));
    }
    const eth1h = find(stored, 'ETH/USDT', '1h');
    const btc1h = find(stored, 'BTC/USDT', '1h');
    expect(eth1h.usable).toBe(true);
    expect(btc1h.usable).toBe(false);
    const audited = h.engine.store.db
      .prepare("SELECT actor FROM audit_log WHERE kind = 'scanner.calibrated'")
      .all() as { actor: string }[];
    expect(audited).toHaveLength(1);

    // The board, re-graded without a restart: calibrated P exactly where a calibration is used.
    await h.engine.pipeline?.drained();
    const usable = new Set(stored.filter((c) => c.usable).map((c) => `${c.symbol} ${c.timeframe}`));
    const after = await call('listSignals', {});
    for (const row of after) {
      if (row.tier === 'FAILED') continue;
      expect(row.calibrated).toBe(usable.has(`${row.symbol} ${row.timeframe}`));
    }
    // The P shown is the stored mapping's on ETH/USDT 1h, and the prior's on BTC/USDT 1h.
    const eth = await call('explainSignal', {
      exchange: 'binance',
      symbol: 'ETH/USDT',
      timeframe: '1h',
    });
    expect(eth.calibrated).toBe(true);
    expect(eth.probability).toBe(
      probabilityOf(defined(eth.score), defined(eth.confluence), defined(eth1h.coefficients)),
    );
    const btc = await call('explainSignal', {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '1h',
    });
    expect(btc.calibrated).toBe(false);
    expect(btc.probability).toBe(
      probabilityOf(
        defined(btc.score),
        defined(btc.confluence),
        DEFAULT_SCANNER_CONFIG.probability,
      ),
    );
    expect(h.events.some((e) => e.kind === 'calibrationsChanged')).toBe(true);

    // A restart grades with the stored calibration from its first evaluation.
    await h.stop();
    hosts.splice(hosts.indexOf(h), 1);
    const again = await start(dir);
    expect(await again.host.client.call('listCalibrations', {})).toEqual(stored);
    const restarted = await again.host.client.call('listSignals', {});
    const ethRow = defined(restarted.find((r) => r.symbol === 'ETH/USDT' && r.timeframe === '1h'));
    expect(ethRow.calibrated).toBe(true);
    expect(again.errors).toEqual([]);
  }, 120_000);

  it('refuses bad input, naming the problem, and stores nothing', async () => {
    const dir = tempDir();
    const h = await start(dir);
    const missing = await cli(['calibrate', '--data', resolve(dir, 'nope'), '--data-dir', dir]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`--data: no such folder: ${resolve(dir, 'nope')}`);
    const none = await cli(['calibrate', '--data-dir', dir]);
    expect(none.err).toContain('--data DIR is required');
    await expect(h.host.client.call('calibrate', { data: 'resources/data' })).rejects.toThrow(
      'calibrate: data: resources/data: give an absolute path',
    );
    await expect(h.host.client.call('calibrate', { data: '/no/such/folder' })).rejects.toThrow(
      'calibrate: data: /no/such/folder: no such folder',
    );
    expect(await h.host.client.call('listCalibrations', {})).toEqual([]);
  }, 60_000);

  it('with no folder named, calibrates the replay the host plays, its progress counted to the last market timeframe', async () => {
    const dir = tempDir();
    const h = await start(dir);
    // The cockpit follows the run over the same connection it calls on.
    const seen: CalibrationProgress[] = [];
    const off = h.host.client.on('calibrationProgressed', (p) => seen.push(p));
    const run = await h.host.client.call('calibrate', {});
    off();
    expect(run.data).toBe(resolve('resources/data'));
    expect(run.calibrations).toHaveLength(9);
    const published = h.events
      .filter((e) => e.kind === 'calibrationProgressed')
      .map((e) => e.payload as CalibrationProgress);
    // Three markets x three timeframes, one step each, in the report's order per timeframe.
    expect(published.map((p) => `${p.done}/${p.total}`)).toEqual([
      '0/9',
      '1/9',
      '2/9',
      '3/9',
      '4/9',
      '5/9',
      '6/9',
      '7/9',
      '8/9',
      '9/9',
    ]);
    expect(published.at(-1)?.last).toBe('binance ETH/USDT 4h');
    expect(published[1]?.last).toBe('binance BTC/USDT 15m');
    expect(seen.at(-1)).toEqual(published.at(-1));
  }, 60_000);

  it('a cancel ends the calibration worker mid-run: nothing stored, audited, and the next run goes through', async () => {
    const dir = tempDir();
    const h = await start(dir);
    // Cancelled through the host's own cancelCalibration handler as the worker reports its
    // start, in that report's event: the worker posts its result only after that message, so
    // the cancel always lands mid-run, however loaded the machine is.
    const handlers = createCommandHandlers(h.engine);
    const off = h.engine.events.subscribe((e) => {
      if (e.kind === 'calibrationProgressed' && e.payload.done === 0)
        void handlers.cancelCalibration({}, { origin: 'websocket' });
    });
    await expect(h.host.client.call('calibrate', {})).rejects.toThrow(
      'calibration cancelled: nothing was stored, the calibrations in use are unchanged',
    );
    off();
    expect(await h.host.client.call('listCalibrations', {})).toEqual([]);
    expect(h.events.some((e) => e.kind === 'calibrationsChanged')).toBe(false);
    const audited = h.engine.store.db
      .prepare("SELECT actor FROM audit_log WHERE kind = 'scanner.calibration-cancelled'")
      .all() as { actor: string }[];
    expect(audited).toEqual([{ actor: 'user:websocket' }]);
    expect(await h.host.client.call('cancelCalibration', {})).toEqual({ cancelled: false });
    const run = await h.host.client.call('calibrate', {});
    expect(run.calibrations).toHaveLength(9);
    expect(h.errors).toEqual([]);
  }, 60_000);

  it('the engine stopping mid-calibration ends its worker and audits that before its store closes', async () => {
    const dir = tempDir();
    const h = await start(dir);
    // Stopped in the worker's first progress report: the cancel's audit must be written in the
    // stop's synchronous stretch, not after the database has closed.
    const stopped = new Promise<void>((resolveStop) => {
      h.engine.events.subscribe((e) => {
        if (e.kind === 'calibrationProgressed' && e.payload.done === 0) {
          h.engine.stop('test stop mid-calibration');
          resolveStop();
        }
      });
    });
    const run = h.engine.calibrations.calibrate(undefined, 'user:test');
    await stopped;
    await expect(run).rejects.toThrow(
      'calibration cancelled: nothing was stored, the calibrations in use are unchanged',
    );
    const db = new Database(join(dir, 'vigil.db'), { readonly: true });
    try {
      const audited = db
        .prepare("SELECT actor FROM audit_log WHERE kind = 'scanner.calibration-cancelled'")
        .all();
      expect(audited).toEqual([{ actor: 'system:stop' }]);
      expect(db.prepare('SELECT COUNT(*) AS n FROM scanner_calibrations').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    expect(h.errors).toEqual([]);
  }, 60_000);
});
