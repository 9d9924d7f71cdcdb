import { describe, expect, it } from 'vitest';
import { addMainArgs, startLiveHost, type LiveHostRig } from '../../support/live-host-rig';
import { LocalOkxServer } from '../../support/local-okx-server';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { OKX_LIVE_KEY } from '../../support/okx-broker-rig';
import { stopAfterEach } from '../../support/stop-after-each';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const keep = stopAfterEach<LiveHostRig<LocalOkxServer>>();

/** A running host on live prices from the local OKX, an OKX connection and a funded account. */
async function okxLive(): Promise<LiveHostRig<LocalOkxServer>> {
  const r = keep(
    await startLiveHost(tempDir(), {
      secrets: new MemorySecretStore(),
      exchange: (markets, clock) => new LocalOkxServer(markets, clock),
    }),
  );
  r.server.addApiKey(OKX_LIVE_KEY);
  r.server.account.spot.deposit('USDT', '10000');
  const added = await r.cli(addMainArgs(r.server.url, { exchange: 'okx' }));
  expect(added.io.err.join('')).toBe('');
  expect(added.io.out.join('')).toBe(`added main: okx BTC/USDT (1m) via ${r.server.url}\n`);
  await r.untilLive();
  const key = {
    apiKey: OKX_LIVE_KEY.apiKey,
    secret: OKX_LIVE_KEY.secret,
    password: OKX_LIVE_KEY.passphrase,
  };
  const set = await r.cli(['keys', 'set', 'main', '--stdin'], JSON.stringify(key));
  expect(set.io.err.join('')).toBe('');
  expect(set.code).toBe(0);
  return r;
}

const liveAlgos = (r: LiveHostRig<LocalOkxServer>): number =>
  r.server.account.algos.filter((a) => a.state === 'live').length;

describe('LIVE on OKX through the running host (the hosts’ own composition)', () => {
  it('vigil mode live on an okx connection; a cockpit bracket rests at OKX; the kill leaves OKX clean', async () => {
    const r = await okxLive();
    const live = await r.cli(['mode', 'live', '--connection', 'main', '--confirm', 'LIVE main']);
    expect(live.io.err.join('')).toBe('');
    expect(live.code).toBe(0);
    expect(live.io.out.join('')).toContain(
      'trading mode: LIVE on main (book live:okx): real orders',
    );
    const ui = await r.renderer();
    try {
      const resting = await ui.client.call('placeOrder', {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        qty: '0.01',
        price: '6000',
      });
      expect(resting).toMatchObject({ bookId: 'live:okx', state: 'OPEN' });
      expect(
        r.server.account.spot.orders.find((o) => o.clientOrderId === resting.clientOrderId)?.status,
      ).toBe('NEW');
      // A market entry with a bracket: it fills at OKX, its exits rest there as one oco algo.
      const entry = await ui.client.call('placeOrder', {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: '0.01',
        bracket: { stopLoss: '6000', takeProfit: '7500' },
      });
      expect(entry.bookId).toBe('live:okx');
      await expect.poll(() => liveAlgos(r), { timeout: 20_000 }).toBe(1);
      expect(r.server.account.algos[0]?.ordType).toBe('oco');
      expect(r.engine.execution.book('paper')?.executor.list(false)).toEqual([]);

      const kill = await r.cli(['kill', '--reason', 'test', '--timeout', '60']);
      expect(kill.io.err.join('')).toBe('');
      expect(kill.code).toBe(0);
      expect(r.server.account.spot.open()).toEqual([]);
      expect(liveAlgos(r)).toBe(0);
      expect(r.engine.risk.control.mode).toBe('HALTED');
      expect(r.log).toEqual([]);
    } finally {
      ui.close();
    }
  });
});
