import { dispatchCommand } from '../../src-shared/contract/dispatch';
import type { Candle } from '../../src-shared/domain/candle';
import { Engine } from '../../src-main/engine/engine';
import { LiveMarket } from '../../src-main/engine/market/live-market';
import { loadCandles } from './execution-fixture';
import { LaptopClock } from './laptop-clock';
import { LocalBinanceServer } from './local-binance-server';

// A laptop engine trading paper on a live BTC/USDT feed from a local Binance server (real
// candles, ccxt's own websocket and REST code), with the wall and monotonic clocks driven by
// the test: the clock jump detector, not an OS event, notices a sleep.

export const POLL = { timeout: 15_000 } as const;

/** Waits (bounded) for an eventual condition of real sockets; not a timing assertion. */
async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 1500; i += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`laptop: ${what} did not happen`);
}

export interface Laptop {
  readonly engine: Engine;
  readonly dataDir: string;
  readonly clock: LaptopClock;
  readonly server: LocalBinanceServer;
  readonly feed: LiveMarket;
  readonly bars: readonly Candle[];
  auditKinds(prefix: string): string[];
  audit(kind: string): Array<Record<string, unknown>>;
  call(name: 'placeOrder', input: Record<string, unknown>): ReturnType<typeof dispatchCommand>;
  /** Lets the engine's timers run for `ms` of awake time, one second at a time. */
  awake(ms: number): Promise<void>;
  /** Sleeps `ms` with the exchange sending nothing meanwhile (the wall clock moves alone). */
  sleep(ms: number): void;
  /** A long BTC position with no stop: a market buy filled on the next real bar. */
  openPosition(): Promise<void>;
}

export async function startLaptop(
  dataDir: string,
  cleanups: Array<() => Promise<void> | void>,
): Promise<Laptop> {
  const bars = loadCandles('binance_BTC-USDT_1h.csv');
  const last = bars.length - 1;
  // Now: the open of the second-to-last bar; the bar before it has just closed.
  const clock = new LaptopClock((bars[last - 1] as Candle).openTime);
  const server = new LocalBinanceServer(
    [{ base: 'BTC', quote: 'USDT', candles: { '1h': bars } }],
    () => clock.wall.now(),
  );
  await server.start();
  cleanups.push(() => server.stop());
  const engine = Engine.start({
    dataDir,
    version: 'test',
    host: 'test',
    clock: clock.wall,
    scheduler: clock,
    monotonic: clock,
    heartbeatMs: 1000,
    timeZone: 'UTC',
    onError: (e) => {
      throw e;
    },
    market: {
      kind: 'live',
      connections: [
        {
          name: 'main',
          exchange: 'binance',
          symbols: ['BTC/USDT'],
          timeframes: ['1h'],
          apiOrigin: server.url,
          enabled: true,
          createdAt: clock.wall.now(),
          needsPassword: false,
        },
      ],
      backfill: 50,
    },
  });
  cleanups.push(() => engine.stop('test'));
  const feed = await until('the ccxt feed', () => {
    const active = engine.market.activeFeed();
    return active instanceof LiveMarket ? active : undefined;
  });
  await feed.settled();
  const rows = (): Array<{ kind: string; payload: string }> =>
    engine.store.db.prepare('SELECT kind, payload FROM audit_log ORDER BY seq').all() as Array<{
      kind: string;
      payload: string;
    }>;
  const call: Laptop['call'] = (name, input) =>
    dispatchCommand(engine.handlers, name, input, { origin: 'test' });
  return {
    engine,
    dataDir,
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
    call,
    awake: async (ms) => {
      for (let t = 0; t < ms; t += 1000) {
        clock.advance(1000);
        await feed.settled();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    sleep: (ms) => {
      server.freeze();
      clock.sleep(ms);
      server.unfreeze();
    },
    openPosition: async () => {
      engine.execution.onBar('BTC/USDT', bars[last - 2] as Candle, '1h');
      const placed = await call('placeOrder', {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: '0.02',
      });
      // On live prices a market order takes the streamed ask at once; else the next bar fills it.
      const state = placed.ok ? (placed.output as { state: string }).state : 'refused';
      if (state !== 'OPEN' && state !== 'FILLED')
        throw new Error(`laptop: the entry was not accepted: ${JSON.stringify(placed)}`);
      engine.execution.onBar('BTC/USDT', bars[last - 1] as Candle, '1h');
      await engine.execution.executor.idle();
      const held = engine.execution.ledger.positions('paper');
      if (held.length !== 1 || held[0]?.qty !== '0.02')
        throw new Error(`laptop: expected 0.02 BTC held, got ${JSON.stringify(held)}`);
    },
  };
}
