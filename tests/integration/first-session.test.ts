import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src-shared/contract/events';
import type { KillProgress } from '../../src-shared/contract/risk';
import { runCli } from '../../src-main/host/cli/run-cli';
import { captureIo } from '../support/capture-io';
import { startReplayHost, type ReplayHost } from '../support/replay-host';
import { useTempDirs } from '../support/temp-dir';

// A trader's first session, through the running host (the engine as `vigil serve` composes it,
// its local WebSocket, the contract the UI and the CLI speak) on the bundled replay data.

const tempDir = useTempDirs();
const hosts: ReplayHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
});

async function start(dir = tempDir()): Promise<ReplayHost> {
  const h = await startReplayHost(dir);
  hosts.push(h);
  return h;
}

const HOUR = 3_600_000;
/** The replay's default start: 64 4h bars after the first candle (2018-05-08 06:00). */
const HOME = Date.parse('2018-05-08T06:00:00Z') + 64 * 4 * HOUR;

/** Resolves with the kill's final progress event. */
function killDone(h: ReplayHost): Promise<KillProgress> {
  return new Promise((resolve) => {
    const off = h.engine.events.subscribe((e: EventEnvelope) => {
      if (e.kind === 'killProgress' && e.payload.done) {
        off();
        resolve(e.payload);
      }
    });
  });
}

describe("a trader's first session on the bundled replay", () => {
  it('says since when each tier holds, from the warm-up on, to a window that opens now', async () => {
    const h = await start();
    const board = await h.host.client.call('listSignals', {});
    const since = (symbol: string, timeframe: string): unknown => {
      const row = board.find((r) => r.symbol === symbol && r.timeframe === timeframe);
      return row && [row.tier, new Date(row.tierSince).toISOString(), row.tierSinceKnown];
    };
    // ETH/USDT 4h entered WATCH during the warm-up, a day and a half before the replay's start.
    expect(since('ETH/USDT', '4h')).toEqual(['WATCH', '2018-05-17T08:00:00.000Z', true]);
    // BTC/USDT 4h has been IGNORE since the scanner's first graded 4h bar: at least that long.
    expect(since('BTC/USDT', '4h')).toEqual(['IGNORE', '2018-05-17T04:00:00.000Z', false]);
    for (const row of board) expect(row.tierSince).toBeLessThanOrEqual(row.at);
  });

  it('opens warm: every market on the board on each timeframe it has, and a chart with candles', async () => {
    const h = await start();
    expect(await h.host.client.call('getReplayState', {})).toMatchObject({
      now: HOME,
      playing: false,
      epoch: 0,
    });
    const board = await h.host.client.call('listSignals', {});
    expect(board.map((s) => `${s.symbol} ${s.timeframe}`).sort()).toEqual([
      'BTC/USDT 1h',
      'BTC/USDT 4h',
      'ETH/BTC 1h',
      'ETH/BTC 4h',
      'ETH/USDT 1h',
      'ETH/USDT 4h',
    ]);
    const chart = await h.host.client.call('getCandles', {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '1h',
      limit: 500,
    });
    expect(chart.candles).toHaveLength(256);
    expect(chart.candles.at(-1)?.openTime).toBe(HOME - HOUR);

    // Where the 5m files are (the last 3.5 days), 15m is scanned too: seek there, warm again.
    const there = Date.parse('2018-06-17T00:00:00Z');
    expect(await h.host.client.call('controlReplay', { action: 'seek', to: there })).toMatchObject({
      now: there,
      epoch: 1,
    });
    await h.engine.pipeline?.drained();
    const later = await h.host.client.call('listSignals', {});
    expect(later.map((s) => `${s.symbol} ${s.timeframe}`).sort()).toEqual([
      'BTC/USDT 15m',
      'BTC/USDT 1h',
      'BTC/USDT 4h',
      'ETH/BTC 15m',
      'ETH/BTC 1h',
      'ETH/BTC 4h',
      'ETH/USDT 15m',
      'ETH/USDT 1h',
      'ETH/USDT 4h',
    ]);
    for (const s of later) expect(s.at).toBeLessThanOrEqual(there);
    expect(h.errors).toEqual([]);
  }, 60_000);

  it('trades and values ETH/BTC once BTC is held; a spot sell beyond the free balance is refused', async () => {
    const h = await start();
    const call = h.host.client.call;
    // Small enough for the gate without a stop (2% of equity at risk): the venue decides.
    const ethBtc = await call('placeOrder', {
      symbol: 'ETH/BTC',
      side: 'buy',
      type: 'market',
      qty: '0.1',
    });
    expect(ethBtc).toMatchObject({
      state: 'REJECTED',
      reason: 'paper: buying 0.1 ETH/BTC needs 0.00836997 BTC, the account has 0 BTC free',
    });
    // A sell of what the account does not hold: refused, no short appears on a spot account.
    const naked = await call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      qty: '0.01',
    });
    expect(naked).toMatchObject({
      state: 'REJECTED',
      reason: 'paper: selling 0.01 BTC/USDT needs 0.01 BTC, the account has 0 BTC free',
    });

    // Buy BTC with USDT, then ETH with BTC (the replay is paused: market orders fill at once).
    const btc = await call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.02',
    });
    expect(btc.state).toBe('FILLED');
    const eth = await call('placeOrder', {
      symbol: 'ETH/BTC',
      side: 'buy',
      type: 'market',
      qty: '0.1',
      // Valued in USDT through BTC/USDT by the gate, like any entry.
      bracket: { stopLoss: '0.07', takeProfit: '0.1' },
    });
    expect(eth.state).toBe('FILLED');
    const { venue } = await call('getBalances', {});
    const held = new Map(venue.map((b) => [b.asset, Number(b.total)]));
    expect(held.get('ETH')).toBe(0.1);
    expect(held.get('BTC')).toBeGreaterThan(0);
    expect(held.get('BTC')).toBeLessThan(0.02);

    // Equity at mark, in USDT: ETH through ETH/BTC x BTC/USDT.
    const valuation = await call('getBookValuation', {});
    const last = (symbol: string): number => Number(h.engine.execution.paper?.lastPrice(symbol));
    const expected =
      (held.get('USDT') ?? 0) +
      (held.get('BTC') ?? 0) * last('BTC/USDT') +
      0.1 * last('ETH/BTC') * last('BTC/USDT');
    expect(Number(valuation.equity)).toBeCloseTo(expected, 4);
    // The gauges value the same book the same way.
    expect(valuation.usage?.equity).toBeCloseTo(expected, 4);
    const positions = await call('getPositions', {});
    expect(positions.positions.map((p) => `${p.symbol} ${p.qty}`).sort()).toEqual([
      'BTC/USDT 0.02',
      'ETH/BTC 0.1',
    ]);
    // More ETH than held (the 0.1 held is locked by its bracket's legs), and the BTC already
    // spent on ETH: both refused with what the sell needs and what is free.
    for (const [sell, reason] of [
      [
        { symbol: 'ETH/USDT', qty: '0.2' },
        'paper: selling 0.2 ETH/USDT needs 0.2 ETH, the account has 0 ETH free',
      ],
      [
        { symbol: 'BTC/USDT', qty: '0.02' },
        'paper: selling 0.02 BTC/USDT needs 0.02 BTC, the account has 0.01162863 BTC free',
      ],
    ] as const)
      expect(await call('placeOrder', { ...sell, side: 'sell', type: 'market' })).toMatchObject({
        state: 'REJECTED',
        reason,
      });
    expect(h.errors).toEqual([]);
  }, 60_000);

  it('closing a position cancels its bracket legs, audited', async () => {
    const h = await start();
    const call = h.host.client.call;
    const last = Number(h.engine.execution.paper?.lastPrice('BTC/USDT'));
    const entry = await call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.02',
      bracket: { stopLoss: (last * 0.95).toFixed(2), takeProfit: (last * 1.1).toFixed(2) },
    });
    expect(entry.state).toBe('FILLED');
    await h.engine.execution.executor.idle();
    const legs = async (): Promise<string[]> =>
      (await call('listOrders', {})).orders
        .filter((o) => o.parentClientOrderId === entry.clientOrderId)
        .map((o) => `${o.bracketRole} ${o.state}`)
        .sort();
    expect(await legs()).toEqual(['stop-loss OPEN', 'take-profit OPEN']);

    const closed = await call('closePosition', { symbol: 'BTC/USDT' });
    expect(closed.close).toMatchObject({ state: 'FILLED', reduceOnly: true });
    expect(closed.canceledExits).toHaveLength(2);
    expect(await legs()).toEqual(['stop-loss CANCELED', 'take-profit CANCELED']);
    expect((await call('listOrders', { open: true })).orders).toEqual([]);
    expect((await call('getPositions', {})).positions.filter((p) => p.qty !== '0')).toEqual([]);
    const audited = h.engine.store.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'order.position_close'")
      .get();
    expect(audited).toEqual({ n: 1 });
  }, 60_000);

  it('after a KILL without flatten: stops can be re-placed and the position closed while HALTED; nothing new is accepted', async () => {
    const h = await start();
    const call = h.host.client.call;
    const last = Number(h.engine.execution.paper?.lastPrice('ETH/USDT'));
    const stop = (last * 0.95).toFixed(2);
    await call('placeOrder', {
      symbol: 'ETH/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.5',
      bracket: { stopLoss: stop, takeProfit: (last * 1.1).toFixed(2) },
    });
    await h.engine.execution.executor.idle();
    const done = killDone(h);
    const kill = await call('kill', { flatten: false, via: 'ui', reason: 'test' });
    expect(kill.flatten).toBe(false);
    expect((await done).positions).toBe(1);
    // The kill canceled the bracket: the position is naked.
    expect((await call('listOrders', { open: true })).orders).toEqual([]);
    expect((await call('getStatus', {})).controlMode).toBe('HALTED');

    // Adding exposure stays refused, whoever asks.
    const more = await call('placeOrder', {
      symbol: 'ETH/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.1',
    });
    expect(more).toMatchObject({ state: 'REJECTED', reason: expect.stringContaining('HALTED') });
    // The protective stop comes back at its own price, reduce-only.
    // The bracket's own stop, since it still lies below the mark.
    const stops = await call('replaceProtectiveStops', {});
    expect(stops).toMatchObject({ positions: 1, covered: 0, failed: [] });
    expect(stops.placed).toEqual([
      expect.objectContaining({
        symbol: 'ETH/USDT',
        side: 'sell',
        stopPrice: stop,
        qty: '0.5',
        basis: 'plan',
        state: 'OPEN',
      }),
    ]);
    // A partial close, then the rest: both pass the gate while HALTED, and are audited.
    const part = await call('closePosition', { symbol: 'ETH/USDT', qty: '0.2' });
    expect(part.close.state).toBe('FILLED');
    // The stop protects what is left, at its price.
    expect(part.replacedExits).toEqual([
      expect.objectContaining({ type: 'stop-market', stopPrice: stop, qty: '0.3', state: 'OPEN' }),
    ]);
    const rest = await call('closePosition', { symbol: 'ETH/USDT' });
    expect(rest.close).toMatchObject({ state: 'FILLED', qty: '0.3' });
    expect((await call('getPositions', {})).positions.filter((p) => p.qty !== '0')).toEqual([]);
    expect((await call('listOrders', { open: true })).orders).toEqual([]);
    const approved = h.engine.store.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'risk.approved_while_halted'")
      .get() as { n: number };
    expect(approved.n).toBeGreaterThanOrEqual(4); // the stops and the two closes
    expect((await call('getStatus', {})).controlMode).toBe('HALTED');
  }, 60_000);

  it('a flatten kill with the replay paused finishes: the closes fill at the last price', async () => {
    const h = await start();
    const call = h.host.client.call;
    const entry = await call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.02',
    });
    expect(entry.state).toBe('FILLED');
    expect((await call('getReplayState', {})).playing).toBe(false);
    const done = killDone(h);
    await call('kill', { flatten: true, via: 'ui', reason: 'test' });
    expect(await done).toMatchObject({ done: true, openOrders: 0, positions: 0 });
    const closes = (await call('listOrders', {})).orders.filter(
      (o) => o.placedBy === 'system:kill',
    );
    expect(closes.map((o) => o.state)).toEqual(['FILLED']);
    const price = Number(closes[0]?.avgFillPrice);
    const last = Number(h.engine.execution.paper?.lastPrice('BTC/USDT'));
    // The last close, less half the spread and the impact of a tiny order.
    expect(price).toBeLessThan(last);
    expect(price).toBeGreaterThan(last * 0.999);
  }, 60_000);

  it('seeks, rewinds and restarts the replay (refused with a position open); a restarted host resumes where it was', async () => {
    const dir = tempDir();
    const h = await start(dir);
    const call = h.host.client.call;
    await call('placeOrder', { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' });
    await expect(call('controlReplay', { action: 'seek', to: HOME + 48 * HOUR })).rejects.toThrow(
      /seek refused: the paper book has 1 open position\(s\) \(BTC\/USDT\)/,
    );
    await call('closePosition', { symbol: 'BTC/USDT' });

    const ahead = await call('controlReplay', { action: 'seek', to: HOME + 48 * HOUR });
    expect(ahead).toMatchObject({ now: HOME + 48 * HOUR, epoch: 1 });
    const back = await call('controlReplay', { action: 'seek', to: HOME + 24 * HOUR });
    expect(back).toMatchObject({ now: HOME + 24 * HOUR, epoch: 2 });
    const home = await call('controlReplay', { action: 'restart' });
    expect(home).toMatchObject({ now: HOME, epoch: 3 });
    // The paper venue follows: a market order prices at the bar that closed at the new time.
    const chart = await call('getCandles', {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      timeframe: '1h',
      limit: 1,
    });
    expect(h.engine.execution.paper?.lastPrice('BTC/USDT')).toBe(
      String(chart.candles[0]?.close.toFixed(2)).replace(/\.?0+$/, ''),
    );

    // Play ten 1h closes, pause, then the host stops and starts again on the same data.
    await call('controlReplay', { action: 'play', speed: '60x' });
    h.clock.advance(600_000);
    const paused = await call('controlReplay', { action: 'pause' });
    expect(paused.now).toBeGreaterThanOrEqual(HOME + 10 * HOUR);
    await hosts.pop()?.stop();

    const again = await start(dir);
    expect(await again.host.client.call('getReplayState', {})).toMatchObject({
      now: paused.now,
      playing: false,
      speed: '60x',
    });
    // Warm at the resumed position: the board's latest evaluations are from just before it.
    const board = await again.host.client.call('listSignals', {});
    expect(board).toHaveLength(6);
    const hourly = board.filter((s) => s.timeframe === '1h').map((s) => s.at);
    for (const at of hourly) expect(paused.now - at).toBeLessThan(HOUR);

    // Stopped while playing: it resumes playing, at the same speed.
    await again.host.client.call('controlReplay', { action: 'play', speed: '10x' });
    again.clock.advance(60_000);
    const playingAt = (await again.host.client.call('getReplayState', {})).now;
    await hosts.pop()?.stop();
    const third = await start(dir);
    expect(await third.host.client.call('getReplayState', {})).toMatchObject({
      now: playingAt,
      playing: true,
      speed: '10x',
    });
  }, 90_000);

  it('shorting needs an account set up for margin: resetPaperAccount sets it up, and back', async () => {
    const h = await start();
    const call = h.host.client.call;
    const short = { symbol: 'ETH/USDT', side: 'sell', type: 'market', qty: '0.1' } as const;
    expect(await call('placeOrder', short)).toMatchObject({
      state: 'REJECTED',
      reason: 'paper: selling 0.1 ETH/USDT needs 0.1 ETH, the account has 0 ETH free',
    });
    const reset = { startingBalance: '10000', confirm: 'RESET PAPER', reason: 'margin' } as const;
    expect(await call('resetPaperAccount', { ...reset, marginTrading: true })).toMatchObject({
      marginTrading: true,
    });
    const margin = await call('placeOrder', short);
    expect(margin.state).toBe('FILLED');
    expect((await call('getPositions', {})).positions).toContainEqual(
      expect.objectContaining({ symbol: 'ETH/USDT', qty: '-0.1' }),
    );
    await call('closePosition', { symbol: 'ETH/USDT' });
    // That close lost the fees: the cooldown after a loss (on market time) would refuse the next
    // entry before the venue is asked. The venue's answer is what this test is about.
    await call('setRiskConfig', { changes: { lossCooldownMin: 0 } });
    expect(await call('resetPaperAccount', { ...reset, marginTrading: false })).toMatchObject({
      marginTrading: false,
    });
    expect(await call('placeOrder', short)).toMatchObject({
      state: 'REJECTED',
      reason: 'paper: selling 0.1 ETH/USDT needs 0.1 ETH, the account has 0 ETH free',
    });
  }, 60_000);

  it('vigil replay reports and moves the running replay', async () => {
    const dir = tempDir();
    await start(dir);
    const status = captureIo();
    expect(await runCli(['replay', '--data-dir', dir], status)).toBe(0);
    expect(status.out.join('')).toBe(
      'replay paused at 2018-05-18T22:00:00.000Z (data 2018-05-08T06:00:00.000Z .. 2018-06-18T22:00:00.000Z)\n',
    );
    const seek = captureIo();
    expect(
      await runCli(['replay', 'seek', '2018-06-01T12:00', '--json', '--data-dir', dir], seek),
    ).toBe(0);
    expect(JSON.parse(seek.out.join(''))).toMatchObject({
      now: Date.parse('2018-06-01T12:00:00Z'),
      epoch: 1,
    });
    const bad = captureIo();
    expect(await runCli(['replay', 'seek', 'yesterday', '--data-dir', dir], bad)).toBe(2);
    expect(bad.err.join('')).toContain("'yesterday' is not a time");
    const out = captureIo();
    expect(await runCli(['replay', 'seek', '2030-01-01', '--data-dir', dir], out)).toBe(1);
    expect(out.err.join('')).toContain('cannot seek to 2030-01-01T00:00:00.000Z');
  }, 60_000);
});
