import { afterEach, describe, expect, it } from 'vitest';
import { planBacktest, type BacktestPlan } from '../../../src-main/engine/backtest/backtest-plan';
import type { BacktestResult } from '../../../src-main/engine/backtest/backtest-result';
import { backtestInWorker } from '../../../src-main/engine/backtest/backtest-worker-client';
import { readStoredCalibrations } from '../../../src-main/engine/scanner/calibration/stored-calibrations';
import { storePriorAsCalibrated } from '../../support/calibration-fixture';
import { parseCsv } from '../../support/csv-parse';
import { startReplayHost, type ReplayHost } from '../../support/replay-host';
import { useTempDirs } from '../../support/temp-dir';

// The backtest's "same code path" proof on the bundled replay (Binance BTC/USDT, ETH/USDT and
// ETH/BTC, May-June 2018). Its signals never reach the scanner's default PRIME entry (P >= 0.80;
// their best is 0.73), so both sides use the same scanner settings with PRIME entered at 0.60
// and held while P >= 0.55, as the autopilot test does: a setting, every piece is the real one.
// Both sides stop at the end of 2018-06-17: the host, unlike a backtest, treats the end of its
// replay with a position open as lost prices and kills (see the Kill switch's panic rules).

const tempDir = useTempDirs();
const hosts: ReplayHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
});

const SCANNER = { tiers: { primeEnter: 0.6, primeStay: 0.55 } };
const TO = '2018-06-17';
const REQUEST = { data: 'resources/data', autopilot: 'prime', scanner: SCANNER, to: TO } as const;
const SCANNER_CONFIG = planBacktest(REQUEST, null, []).scanner;
// Only a calibrated P can be PRIME. The host's data folder holds the test fixture that stores
// the prior as every bundled market's calibration (storePriorAsCalibrated); the backtest reads
// the calibrations of that folder, as `vigil backtest` reads its data folder's.
let plan: BacktestPlan;

/** The fills CSV without the client order ids' per-database tag (vgp + 4 characters). */
function fillRows(csv: string): Array<Record<string, string>> {
  return parseCsv(csv).map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, v.replace(/^vgp[0-9a-z]{4}/, 'vgp????')]),
    ),
  );
}

/**
 * The paper session: the engine as `vigil serve` composes it, on the bundled replay, driven
 * through its contract (risk defaults, autopilot on, replay playing at max), its bars closed
 * one close time at a time with every consequence settled in between, up to the same day.
 */
async function hostSession(dir: string): Promise<{ h: ReplayHost; fills: string; pdf: unknown }> {
  const h = await startReplayHost(dir, { scanner: { config: plan.scanner } });
  hosts.push(h);
  const call = h.host.client.call;
  await call('setAutopilot', { bookId: 'paper', mode: 'on' });
  await call('controlReplay', { action: 'play', speed: 'max' });
  const feed = h.replay();
  const end = Date.parse(`${TO}T00:00:00Z`) + 86_400_000;
  for (let next = feed.nextClose(); next !== null && next <= end; next = feed.nextClose()) {
    feed.advance();
    await h.engine.pipeline?.drained();
    await h.engine.autopilot.idle();
    await h.engine.stops.idle();
    await h.engine.execution.executor.idle();
  }
  await call('controlReplay', { action: 'pause' });
  await h.engine.execution.executor.idle();
  const period = { kind: 'range', from: '2018-05-18', to: TO } as const;
  const exported = await call('exportReport', {
    exportId: 'same-path',
    book: 'paper',
    period,
    timeZone: 'UTC',
    format: 'fills-csv',
  });
  return {
    h,
    fills: Buffer.from(exported.bytesBase64, 'base64').toString('utf8'),
    pdf: exported.summary,
  };
}

describe('vigil backtest runs the same code path as a paper session', () => {
  let first: BacktestResult;

  it('gives the trades, fees and realized PnL of a paper session through the running host, to the unit', async () => {
    const dir = tempDir();
    storePriorAsCalibrated(dir, SCANNER_CONFIG);
    plan = planBacktest(REQUEST, null, readStoredCalibrations(dir));
    expect(plan.calibrations.length).toBe(3 * SCANNER_CONFIG.timeframes.length);
    first = await backtestInWorker(plan);
    const m = first.metrics;
    expect(m.from).toBe('2018-05-18');
    expect(m.to).toBe(TO);
    expect(m.trades).toBeGreaterThanOrEqual(1);
    expect(m.kills).toBe(0);

    const session = await hostSession(dir);
    expect(session.pdf).toMatchObject({
      trades: m.trades,
      fees: m.fees,
      realizedPnl: m.realizedPnl,
    });
    // Every fill: time, market, side, quantity, price and fee, one by one.
    const backtestFills = fillRows(first.fillsCsv.toString('utf8'));
    expect(backtestFills.length).toBeGreaterThan(1);
    expect(fillRows(session.fills)).toEqual(backtestFills);
    expect(session.h.errors).toEqual([]);
    // Bars keep coming while it plays: a market entry fills at the open of the bar after the
    // one that made its signal (an hour later on 1h plans), never at the signal bar's close.
    const orders = (await session.h.host.client.call('listOrders', { open: false, limit: 100 }))
      .orders;
    const entries = orders.filter((o) => o.placedBy === 'system:autopilot' && o.state === 'FILLED');
    expect(entries.length).toBeGreaterThanOrEqual(1);
    for (const entry of entries) expect(entry.updatedAt).toBeGreaterThan(entry.createdAt);
  }, 240_000);

  it('is deterministic: a second run gives byte-identical PDF, CSVs and metrics', async () => {
    const second = await backtestInWorker(plan);
    expect(second.pdf.equals(first.pdf)).toBe(true);
    expect(second.lotsCsv.equals(first.lotsCsv)).toBe(true);
    expect(second.fillsCsv.equals(first.fillsCsv)).toBe(true);
    expect(second.metricsJson.equals(first.metricsJson)).toBe(true);
    expect(first.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);
});
