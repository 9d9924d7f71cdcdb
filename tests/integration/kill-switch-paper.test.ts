import { describe, expect, it } from 'vitest';
import { enter, loadBook, paperKillRig } from '../support/paper-kill-rig';

// Real executor, real PaperBroker (issue-5), real BTC/USDT bars: see tests/support/paper-kill-rig.ts.

describe('kill switch on the real PaperBroker and executor', () => {
  it('100 open orders over 10 symbols and 10 positions -> zero open orders and flat', async () => {
    const k = paperKillRig();
    await loadBook(k);
    expect(await k.rig.broker.openOrders()).toHaveLength(100);
    expect(await k.rig.broker.positions()).toHaveLength(10);

    const handle = k.risk.triggerKill({ actor: 'user:test', reason: 'paper drill', flatten: true });
    // From the latch on, the executor's gate refuses new orders.
    const refused = await k.rig.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' },
      'user:ui',
    );
    expect(refused.state).toBe('REJECTED');
    expect(refused.reason).toContain('HALTED');

    const state = await handle.done;
    expect(state.phase).toBe('done');
    expect(await k.rig.broker.openOrders()).toHaveLength(0);
    expect(await k.rig.broker.positions()).toHaveLength(0);
    const done = k.events.filter((e) => e.kind === 'killProgress').at(-1);
    expect(done?.payload).toMatchObject({ step: 'done', openOrders: 0, positions: 0 });
    await expect(k.risk.kill.rearm('user:test', 'drill over')).resolves.toMatchObject({
      mode: 'RUNNING',
    });
  });

  it('an order submitted concurrently with the kill is refused by the executor', async () => {
    const k = paperKillRig();
    const placing = Promise.resolve().then(() =>
      k.rig.executor.place(
        {
          symbol: 'S1/USDT',
          side: 'buy',
          type: 'limit',
          qty: '1',
          price: '100.00',
          bracket: { stopLoss: '95.00', takeProfit: '120.00' },
        },
        'user:ui',
      ),
    );
    const handle = k.risk.triggerKill({ actor: 'user:test', reason: 'race', flatten: false });
    const order = await placing;
    expect(order.state).toBe('REJECTED');
    await handle.done;
    expect(await k.rig.broker.openOrders()).toHaveLength(0);
  });

  it('PAUSED refuses entries but lets a reduce-only exit through the executor', async () => {
    const k = paperKillRig();
    await enter(k, 'BTC/USDT');
    k.nextBar();
    k.risk.control.set('PAUSED', 'user:test', 'test');
    const entry = await k.rig.executor.place(
      { symbol: 'S2/USDT', side: 'buy', type: 'market', qty: '1' },
      'user:ui',
    );
    expect(entry).toMatchObject({ state: 'REJECTED', reason: expect.stringContaining('PAUSED') });
    const exit = await k.rig.executor.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '1', reduceOnly: true },
      'user:ui',
    );
    expect(exit.state).toBe('OPEN');
  });
});
