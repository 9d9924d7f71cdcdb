import { afterEach, describe, expect, it } from 'vitest';
import {
  placeHundredOrders,
  startLiveKillRig,
  venueOpenOrders,
  type LiveKillRig,
} from '../../support/live-kill-rig';

const rigs: LiveKillRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.stop();
});

describe('the kill switch on a live venue (the local Binance, through ccxt)', () => {
  it('cancels 100 open orders over 10 markets, stops included, with 20% of calls failing', async () => {
    const rig = await startLiveKillRig();
    rigs.push(rig);
    await placeHundredOrders(rig);
    expect(venueOpenOrders(rig)).toBe(100);
    expect(rig.server.account.open().filter((o) => o.type === 'STOP_LOSS_LIMIT')).toHaveLength(20);
    // From here one call in five fails: 503s and 429s, seeded so a failure replays.
    rig.server.chaos(0.2, [503, 429, 502], 14);
    const handle = rig.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false });
    // The latch is synchronous: HALTED before the first request leaves.
    expect(rig.risk.control.mode).toBe('HALTED');
    const done = await handle.done;
    expect(done.phase).toBe('done');
    expect(venueOpenOrders(rig)).toBe(0);
    expect(rig.server.chaosFailures).toBeGreaterThan(0);
    // Cancelling went market by market (one request each), and order by order where that failed.
    expect(
      rig.server.calls('/api/v3/openOrders').filter((r) => r.method === 'DELETE').length,
    ).toBeGreaterThanOrEqual(10);
  });
});
