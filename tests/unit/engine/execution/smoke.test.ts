import { describe, expect, it } from 'vitest';
import { loadCandles, makeRig } from '../../../support/execution-fixture';

describe('smoke', () => {
  it('market buy fills on next bar', async () => {
    const bars = loadCandles('binance_BTC-USDT_1m.csv');
    const rig = makeRig({ start: bars[0]!.openTime });
    rig.broker.onBar('BTC/USDT', bars[0]!, '1m');
    rig.clock.advance(60_000);
    const o = await rig.executor.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' }, 'test');
    console.log(o);
    rig.broker.onBar('BTC/USDT', bars[1]!, '1m');
    console.log(rig.executor.view(o.clientOrderId), rig.ledger.fills('paper'), rig.ledger.positions('paper'), rig.ledger.book('paper'));
    const b = await rig.executor.place({ symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: '6300', qty: '0.01', bracket: { stopLoss: '6200', takeProfit: '6500' } }, 'test');
    for (let i = 2; i < 300; i++) rig.broker.onBar('BTC/USDT', bars[i]!, '1m');
    await rig.executor.idle();
    console.log(rig.executor.list(false));
    expect(b.state).toBe('OPEN');
  });
});
