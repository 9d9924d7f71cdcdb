import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import type { Candle } from '../../src-shared/domain/candle';
import { Engine } from '../../src-main/engine/engine';
import { CcxtFeed } from '../../src-main/engine/market/ccxt-feed';
import { loadCandles } from '../support/execution-fixture';
import { LaptopClock } from '../support/laptop-clock';
import { LocalBinanceServer } from '../support/local-binance-server';
import { useTempDirs } from '../support/temp-dir';

// A laptop engine trading paper on a live BTC/USDT feed from a local Binance server (real
// candles, ccxt's own websocket and REST code), with the wall and monotonic clocks driven by
// the test: the clock jump detector, not an OS event, notices the sleep.

const tempDir = useTempDirs();
const POLL = { timeout: 15_000 } as const;
const HOUR = 3_600_000;
const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

interface Laptop {
  readonly engine: Engine;
  readonly clock: LaptopClock;
  readonly server: LocalBinanceServer;
  readonly feed: CcxtFeed;
  readonly bars: readonly Candle[];
  auditKinds(prefix: string): string[];
  audit(kind: string): Array<Record<string, unknown>>;
  call(name: 'placeOrder', input: Record<string, unknown>): ReturnType<typeof dispatchCommand>;
}

async function laptop(): Promise<Laptop> {
  const bars = loadCandles('binance_BTC-USDT_1h.csv');
  const last = bars.length - 1;
  // Now: the open of the second-to-last bar; the bar before it has just closed.
  const clock = new LaptopClock((bars[last - 1] as Candle).openTime);
  const server = new LocalBinanceServer(
    [{ base: 'BTC', quote: 'USDT', candles: { '1h': bars } }],
    () => clock.wall.now(),
  );
  await server.start();
  stops.push(() => server.stop());
  const engine = Engine.start({
    dataDir: tempDir(),
    version: 'test',
    host: 'test',
    clock: clock.wall,
    scheduler: clock,
    monotonic: clock,
    heartbeatMs: HOUR,
    timeZone: 'UTC',
    onError: (e) => {
      throw e;
    },
    market: {
      kind: 'live',
      exchange: 'binance',
      symbols: ['BTC/USDT'],
      timeframes: ['1h'],
      backfill: 50,
      apiOrigin: server.url,
    },
  });
  stops.push(() => engine.stop('test'));
  await expect.poll(() => engine.market.activeFeed(), POLL).toBeInstanceOf(CcxtFeed);
  const feed = engine.market.activeFeed() as CcxtFeed;
  await feed.settled();
  const rows = (): Array<{ kind: string; payload: string }> =>
    engine.store.db.prepare('SELECT kind, payload FROM audit_log ORDER BY seq').all() as Array<{
      kind: string;
      payload: string;
    }>;
  return {
    engine,
    clock,
    server,
    feed,
    bars,
    auditKinds: (prefix) =>
      rows()
        .map((r) => r.kind)
        .filter((k) => k.startsWith(prefix)),
    audit: (kind) =>
      rows()
        .filter((r) => r.kind === kind)
        .map((r) => JSON.parse(r.payload) as Record<string, unknown>),
    call: (name, input) => dispatchCommand(engine.handlers, name, input, { origin: 'test' }),
  };
}

/** A long BTC position with no stop: a market buy filled on the next real bar. */
async function openPosition(l: Laptop): Promise<void> {
  const last = l.bars.length - 1;
  l.engine.execution.onBar('BTC/USDT', l.bars[last - 2] as Candle, '1h');
  const placed = await l.call('placeOrder', {
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'market',
    qty: '0.02',
  });
  expect(placed).toMatchObject({ ok: true, output: { state: 'OPEN' } });
  l.engine.execution.onBar('BTC/USDT', l.bars[last - 1] as Candle, '1h');
  await l.engine.execution.executor.idle();
  expect(l.engine.execution.ledger.positions('paper')).toMatchObject([
    { symbol: 'BTC/USDT', qty: '0.02' },
  ]);
}

/** Lets the engine's timers run for `ms` of awake time, one second at a time. */
async function awake(l: Laptop, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1000) {
    l.clock.advance(1000);
    await l.feed.settled();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('laptop sleep and wake', () => {
  it('a suspend places the missing stop; a jump of hours blocks trading until the feed is fresh and the book reconciled', async () => {
    const l = await laptop();
    await openPosition(l);

    // Suspend (as Electron's powerMonitor reports it): trading blocked, the stop placed.
    const report = await l.engine.power.guard.suspend('os');
    expect(l.engine.risk.control.mode).toBe('RESUMING');
    expect(report).toMatchObject({ positions: 1, covered: 0, failed: [] });
    const stop = l.engine.execution.executor
      .list(true)
      .find((o) => o.type === 'stop-market' && o.reduceOnly);
    expect(stop).toMatchObject({ side: 'sell', qty: '0.02', state: 'OPEN' });
    // 5% under the last close, rounded up to the tick (towards the mark).
    const close = (l.bars[l.bars.length - 2] as Candle).close;
    expect(Number(stop?.stopPrice)).toBeCloseTo(close * 0.95, 1);
    expect(Number(stop?.stopPrice)).toBeGreaterThanOrEqual(close * 0.95);
    expect(l.audit('power.stop_placed')).toMatchObject([
      { symbol: 'BTC/USDT', qty: '0.02', basis: 'mark', why: 'system suspend' },
    ]);

    // Three hours asleep; the exchange sends nothing new meanwhile.
    l.server.freeze();
    l.clock.sleep(3 * HOUR);
    l.server.unfreeze();
    await awake(l, 5_000); // the detector's next tick sees the wall clock ahead
    expect(l.audit('power.clock_jump')).toHaveLength(1);
    expect(l.engine.risk.control.current).toMatchObject({ mode: 'RESUMING', resumeTo: 'RUNNING' });
    await expect
      .poll(() => l.engine.power.guard.current.checks.map((c) => `${c.name}:${c.ok}`), POLL)
      .toEqual(['orders:true', 'balances:true', 'stops:true', 'feeds:false']);

    // New orders are refused with the reason while RESUMING.
    const refused = await l.call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.01',
    });
    expect(refused).toMatchObject({
      ok: true,
      output: { state: 'REJECTED', reason: expect.stringContaining('RESUMING after sleep') },
    });
    await awake(l, 3_000);
    expect(l.engine.risk.control.mode).toBe('RESUMING'); // still no fresh market data

    // The exchange streams again: the feed is fresh, the next pass returns to RUNNING.
    await expect
      .poll(async () => {
        l.server.publish();
        await awake(l, 1_000);
        return l.engine.risk.control.mode;
      }, POLL)
      .toBe('RUNNING');
    expect(l.engine.power.guard.current).toMatchObject({ state: 'awake', source: 'clock-jump' });
    const kinds = l.auditKinds('power.');
    expect(kinds.slice(0, 5)).toEqual([
      'power.suspended',
      'power.stop_placed',
      'power.stops_checked',
      'power.clock_jump',
      'power.resumed',
    ]);
    expect(kinds).toContain('power.wake_waiting');
    expect(kinds.at(-1)).toBe('power.wake_complete');
    expect(l.audit('power.wake_waiting')[0]).toMatchObject({
      blocking: [expect.stringMatching(/^feeds: ccxt:binance .*no update since the wake/)],
    });
    const [complete] = l.audit('power.wake_complete');
    expect(complete).toMatchObject({ mode: 'RUNNING', stayedHalted: false });
    expect(String(complete?.['checks'])).toContain('1 feed(s) fresh');
    // The stop placed at suspend still rests: the wake did not place a second one.
    expect(
      l.engine.execution.executor.list(true).filter((o) => o.type === 'stop-market'),
    ).toHaveLength(1);
  });

  it('HALTED stays HALTED across a wake', async () => {
    const l = await laptop();
    await openPosition(l);
    const kill = l.engine.risk.triggerKill({
      actor: 'user:test',
      reason: 'test kill',
      flatten: false,
    });
    await kill.done;
    l.server.freeze();
    l.clock.sleep(2 * HOUR);
    l.server.unfreeze();
    await awake(l, 5_000);
    expect(l.engine.risk.control.mode).toBe('HALTED');
    await expect
      .poll(async () => {
        l.server.publish();
        await awake(l, 1_000);
        return l.audit('power.wake_complete');
      }, POLL)
      .toMatchObject([{ mode: 'HALTED', stayedHalted: true }]);
    expect(l.engine.risk.control.mode).toBe('HALTED');
    expect(l.audit('power.resumed')).toMatchObject([
      { source: 'clock-jump', mode: 'HALTED', blocked: false },
    ]);
  });

  it('kills at suspend when the trader chose it', async () => {
    const l = await laptop();
    await openPosition(l);
    l.engine.power.updateSettings({ killOnSuspend: true }, 'user:test');
    expect(await l.engine.power.guard.suspend('os')).toBeNull();
    expect(l.engine.risk.control.current).toMatchObject({
      mode: 'HALTED',
      actor: 'system:power',
      reason: 'system suspend (kill on suspend is set)',
    });
    expect(l.audit('power.suspended')).toMatchObject([{ killOnSuspend: true, mode: 'RUNNING' }]);
  });
});
