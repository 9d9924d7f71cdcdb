import { describe, expect, it } from 'vitest';
import { liveKillSwitch } from '../../support/live-kill-rig';
import { startOkxRig, type OkxRig } from '../../support/okx-broker-rig';
import { stopAfterEach } from '../../support/stop-after-each';

const keep = stopAfterEach<OkxRig>();

/** What rests at OKX: orders in the book and algo orders waiting for their trigger. */
function resting(rig: OkxRig): { book: number; algos: number } {
  return {
    book: rig.server.account.spot.open().length,
    algos: rig.server.account.algos.filter((a) => a.state === 'live').length,
  };
}

describe('the kill switch on OKX (the local OKX, through ccxt)', () => {
  it('cancels book orders and algo orders (conditional stops, an OCO pair) with 20% of calls failing', async () => {
    const rig = keep(await startOkxRig());
    rig.server.account.spot.deposit('BTC', '1');
    rig.server.account.spot.deposit('ETH', '10');
    const risk = liveKillSwitch(rig.store, rig.audit, rig.clock, rig.broker, rig.executor);
    const place = async (order: Parameters<OkxRig['executor']['place']>[0]): Promise<void> => {
      const placed = await rig.executor.place(order, 'user:test');
      if (placed.state !== 'OPEN') throw new Error(`${placed.state}: ${placed.reason ?? ''}`);
    };
    for (const [symbol, mid] of [
      ['BTC/USDT', 6500],
      ['ETH/USDT', 500],
    ] as const) {
      for (const f of [0.9, 0.91, 0.92, 0.93, 0.94, 0.95]) {
        await place({
          symbol,
          side: 'buy',
          type: 'limit',
          qty: '0.01',
          price: (mid * f).toFixed(2),
        });
      }
      for (const f of [1.06, 1.08]) {
        await place({
          symbol,
          side: 'sell',
          type: 'limit',
          qty: '0.01',
          price: (mid * f).toFixed(2),
        });
      }
      for (const f of [0.85, 0.86]) {
        await place({
          symbol,
          side: 'sell',
          type: 'stop-market',
          qty: '0.01',
          stopPrice: (mid * f).toFixed(2),
        });
      }
    }
    // A bracket: the entry fills, its exits rest as one oco algo order.
    const entry = await rig.executor.place(
      {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: '0.01',
        bracket: { stopLoss: '6000', takeProfit: '7000' },
      },
      'user:test',
    );
    await rig.executor.reconcile('test');
    await rig.executor.idle();
    expect(rig.executor.view(entry.clientOrderId).state).toBe('FILLED');
    expect(resting(rig)).toEqual({ book: 16, algos: 5 });
    expect(rig.server.account.algos.filter((a) => a.ordType === 'oco')).toHaveLength(1);

    rig.server.chaos(0.2, [503, 429, 502], 14);
    const handle = risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false });
    expect(risk.control.mode).toBe('HALTED');
    const done = await handle.done;
    expect(done.phase).toBe('done');
    expect(resting(rig)).toEqual({ book: 0, algos: 0 });
    expect(rig.server.chaosFailures).toBeGreaterThan(0);
    expect(rig.server.calls('/api/v5/trade/cancel-algos').length).toBeGreaterThan(0);
    risk.kill.stop();
  });
  it('an order OKX takes in only after the kill looked (ccxt had timed out) is found by its clOrdId and cancelled, never resent', async () => {
    const rig = keep(await startOkxRig({ callTimeoutMs: 400 }));
    const risk = liveKillSwitch(rig.store, rig.audit, rig.clock, rig.broker, rig.executor);
    let release: () => void = () => {};
    let taken: () => void = () => {};
    const takenIn = new Promise<void>((resolve) => (taken = resolve));
    // Vigil places at OKX through batch-orders (a bracket's legs go as one); this one alone.
    rig.server.fail(
      '/api/v5/trade/batch-orders',
      {
        kind: 'hold',
        release: new Promise<void>((resolve) => (release = resolve)),
        answered: taken,
      },
      1,
      'POST',
    );
    const order = await rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: '0.01', price: '5850.00' },
      'user:test',
    );
    expect(order.state).toBe('SUBMITTED');
    const handle = risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false });
    // The kill's first pass lists OKX's pending orders (none) and asks again (none); OKX takes
    // the order in just after answering that second question.
    const passThrough = { kind: 'hold', release: Promise.resolve() } as const;
    rig.server.fail('/api/v5/trade/orders-pending', passThrough, 1, 'GET');
    rig.server.fail(
      '/api/v5/trade/orders-pending',
      { ...passThrough, answered: release },
      1,
      'GET',
    );
    const done = await handle.done;
    await takenIn;
    await rig.executor.idle();
    expect(done.phase).toBe('done');
    expect(resting(rig)).toEqual({ book: 0, algos: 0 });
    expect(rig.executor.view(order.clientOrderId).state).toBe('CANCELED');
    expect(done.unknownOutcomes).toMatchObject([
      { venue: 'okx', clientOrderId: order.clientOrderId, outcome: 'cancelled' },
    ]);
    expect(rig.server.calls('/api/v5/trade/batch-orders')).toHaveLength(1);
    risk.kill.stop();
  });
});
