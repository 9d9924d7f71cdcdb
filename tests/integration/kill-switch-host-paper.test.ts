import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../src-shared/domain/candle';
import { Engine } from '../../src-main/engine/engine';
import { runCli } from '../../src-main/host/cli/run-cli';
import { startLocalControl } from '../../src-main/host/local-control';
import { captureIo } from '../support/capture-io';
import { loadCandles } from '../support/execution-fixture';
import { ManualClock } from '../support/manual-clock';
import { useTempDirs } from '../support/temp-dir';

// The whole stack: `vigil kill` -> host.json -> WebSocket -> engine -> kill switch -> executor
// -> the engine's own PaperBroker, on real BTC/USDT and ETH/USDT 1m bars. Orders are placed
// through the engine's executor, so every one of them passed the real risk gate.

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const btc = loadCandles('binance_BTC-USDT_1m.csv');
const eth = loadCandles('binance_ETH-USDT_1m.csv');

describe('vigil kill against a running host on the paper venue', () => {
  it('cancels every order, flattens through the executor, and status shows zero', async () => {
    const dir = tempDir();
    const clock = new ManualClock((btc[0] as Candle).openTime);
    let bar = 0;
    const feed = (): void => {
      const b = btc[bar] as Candle;
      const e = eth[bar] as Candle;
      bar += 1;
      clock.advance(Math.max(0, b.openTime + 60_000 - clock.now()));
      engine.execution.onBar('BTC/USDT', b, '1m');
      engine.execution.onBar('ETH/USDT', e, '1m');
    };
    const engine: Engine = Engine.start({
      dataDir: dir,
      version: 'test',
      host: 'test',
      clock,
      scheduler: new ManualClock(0),
      timeZone: 'UTC',
      // Between kill passes the market moves on: a bar fills the paper venue's market closes.
      sleep: () => {
        feed();
        return Promise.resolve();
      },
      onError: (e) => {
        throw e;
      },
    });
    cleanups.push(() => engine.stop('test end'));
    await engine.execution.executor.idle();
    feed();

    const place = engine.execution.executor.place.bind(engine.execution.executor);
    const bracket = (
      price: number,
      stop: number,
      target: number,
    ): { stopLoss: string; takeProfit: string } => ({
      stopLoss: (price * stop).toFixed(2),
      takeProfit: (price * target).toFixed(2),
    });
    const btcLast = (btc[0] as Candle).close;
    const ethLast = (eth[0] as Candle).close;
    await place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: '0.3',
        bracket: bracket(btcLast, 0.98, 1.05),
      },
      'user:ui',
    );
    await place(
      {
        symbol: 'ETH/USDT',
        side: 'buy',
        type: 'market',
        qty: '4',
        bracket: bracket(ethLast, 0.98, 1.05),
      },
      'user:ui',
    );
    feed();
    await engine.execution.executor.idle();
    for (let j = 0; j < 10; j += 1) {
      const p = btcLast * (0.5 - j * 0.005);
      await place(
        {
          symbol: 'BTC/USDT',
          side: 'buy',
          type: 'limit',
          qty: '0.01',
          price: p.toFixed(2),
          bracket: bracket(p, 0.9, 1.2),
        },
        'user:ui',
      );
      const q = ethLast * (0.5 - j * 0.005);
      await place(
        {
          symbol: 'ETH/USDT',
          side: 'buy',
          type: 'limit',
          qty: '0.1',
          price: q.toFixed(2),
          bracket: bracket(q, 0.9, 1.2),
        },
        'user:ui',
      );
    }
    const refused = engine.execution.executor.list(false).filter((o) => o.state === 'REJECTED');
    expect(refused.map((o) => o.reason)).toEqual([]);
    expect(await engine.execution.broker.openOrders()).toHaveLength(24); // 20 entries + 2 brackets x 2 legs
    expect(await engine.execution.broker.positions()).toHaveLength(2);

    const control = await startLocalControl({
      engine,
      dataDir: dir,
      rendererDir: dir,
      port: 0,
      onError: (e) => {
        throw e;
      },
    });
    cleanups.push(() => control.stop());

    const io = captureIo();
    expect(
      await runCli(['kill', '--flatten', '--reason', 'host drill', '--data-dir', dir], io),
    ).toBe(0);
    expect(io.err.join('')).toBe('');
    expect(io.out.join('')).toContain('done: kill complete');

    // The executor saw everything: no order left open, and its ledger is flat.
    expect(await engine.execution.broker.openOrders()).toHaveLength(0);
    expect(await engine.execution.broker.positions()).toHaveLength(0);
    expect(engine.execution.executor.list(true)).toEqual([]);
    expect(engine.execution.ledger.positions('paper').filter((p) => p.qty !== '0')).toEqual([]);
    const closes = engine.execution.executor
      .list(false)
      .filter((o) => o.reduceOnly && o.type === 'market');
    expect(closes.map((o) => o.state)).toEqual(['FILLED', 'FILLED']);

    const status = captureIo();
    expect(await runCli(['status', '--json', '--data-dir', dir], status)).toBe(0);
    expect(JSON.parse(status.out.join(''))).toMatchObject({
      controlMode: 'HALTED',
      openOrders: 0,
      positions: 0,
      venues: ['paper'],
    });

    // HALTED: the executor refuses a new entry through the same gate.
    const after = await place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' },
      'user:ui',
    );
    expect(after).toMatchObject({ state: 'REJECTED', reason: expect.stringContaining('HALTED') });
  });
});
