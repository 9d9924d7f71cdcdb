import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_KEY } from '../../support/live-broker-rig';
import { addMain, POLL, startLiveHost, type LiveHostRig } from '../../support/live-host-rig';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const rigs: LiveHostRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.stop();
});

/** A running host in LIVE on the local Binance (the hosts' own composition), funded, keyed. */
async function liveHost(): Promise<LiveHostRig> {
  // ccxt gives up on a trading call after 1.5 s: a held order is released well inside the
  // 10 s recvWindow ccxt signs it with, which Binance (and the local one) checks on intake.
  const r = await startLiveHost(tempDir(), {
    secrets: new MemorySecretStore(),
    liveTrading: { timeoutMs: 1500 },
  });
  rigs.push(r);
  r.server.addApiKey(LIVE_KEY);
  r.server.account.deposit('USDT', '10000');
  await addMain(r);
  await r.untilLive();
  expect((await r.cli(['keys', 'set', 'main', '--stdin'], JSON.stringify(LIVE_KEY))).code).toBe(0);
  expect(
    (await r.cli(['mode', 'live', '--connection', 'main', '--confirm', 'LIVE main'])).code,
  ).toBe(0);
  return r;
}

describe('vigil kill and an order whose placement answer was lost (through the running host)', () => {
  it('the exchange takes the order in after the kill looked: found by its client id, cancelled, and `vigil kill` says so', async () => {
    const r = await liveHost();
    const ui = await r.renderer();
    try {
      // The order reaches the exchange, which takes it in only when released: the host's ccxt
      // client times out first, so the cockpit's order comes back SUBMITTED (outcome unknown).
      let release: () => void = () => {};
      let taken: () => void = () => {};
      const takenIn = new Promise<void>((resolve) => (taken = resolve));
      r.server.fail(
        '/api/v3/order',
        {
          kind: 'hold',
          release: new Promise<void>((resolve) => (release = resolve)),
          answered: taken,
        },
        1,
        'POST',
      );
      const order = await ui.client.call('placeOrder', {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        qty: '0.01',
        price: '6000',
      });
      expect(order).toMatchObject({ bookId: 'live:binance', state: 'SUBMITTED' });
      expect(r.server.account.open()).toEqual([]);

      // The exchange takes the order in once the kill's first pass has looked and found nothing.
      const killing = r.cli(['kill', '--reason', 'test', '--timeout', '60']);
      const looked = (): boolean =>
        ui.events.some(
          (e) =>
            e.kind === 'killProgress' &&
            (e.payload.step === 'reconcile' || e.payload.step === 'error'),
        );
      await expect.poll(looked, POLL).toBe(true);
      release();
      const kill = await killing;
      await takenIn;
      const out = kill.io.out.join('');
      expect(kill.io.err.join('')).toBe('');
      expect(kill.code).toBe(0);
      // Nothing rests at the exchange, and the trader is told what became of that order.
      expect(r.server.account.open()).toEqual([]);
      expect(r.server.account.byClientId('BTCUSDT', order.clientOrderId)?.status).toBe('CANCELED');
      expect(out).toContain(
        `buy 0.01 BTC/USDT limit at 6000 (client id ${order.clientOrderId}): outcome unknown`,
      );
      expect(out).toMatch(
        new RegExp(
          `done: kill complete .*1 order whose placement answer was lost: binance buy 0\\.01 BTC/USDT limit at 6000 \\(client id ${order.clientOrderId}\\): found at binance after its answer was lost, and cancelled`,
        ),
      );
      const status = await r.cli(['status']);
      expect(status.io.out.join('')).toContain(
        `order whose answer was lost: binance buy 0.01 BTC/USDT limit at 6000 (client id ${order.clientOrderId}): found at binance after its answer was lost, and cancelled`,
      );
    } finally {
      ui.close();
    }
    // ccxt's timeout on the order and the kill's real backoff come on top of the host's start.
  }, 60_000);
});
