import { afterEach, describe, expect, it } from 'vitest';
import { startReplayHost, type ReplayHost } from '../support/replay-host';
import { useTempDirs } from '../support/temp-dir';

const tempDir = useTempDirs();
const hosts: ReplayHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
});

describe('the gate judges an order once, not twice', () => {
  it('re-checking a written intent before its send does not count the order among its own working entries', async () => {
    const h = await startReplayHost(tempDir());
    hosts.push(h);
    // BTC/USDT at 8228.06 (the replay's start): 0.75 BTC is 6171 USDT, 62% of the 10000 USDT
    // equity, inside the 100% per-symbol limit; counted twice it would be 124% and refused.
    const order = await h.host.client.call('placeOrder', {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.75',
      bracket: { stopLoss: '8150', takeProfit: '8400' },
    });
    expect(order.reason).toBeNull();
    expect(order.state).toBe('FILLED');
  }, 60_000);
});
