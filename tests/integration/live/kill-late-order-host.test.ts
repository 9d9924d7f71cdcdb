import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_KEY } from '../../support/live-broker-rig';
import {
  addMain,
  POLL,
  startLiveHost,
  type LiveHostRig,
  type RendererSocket,
} from '../../support/live-host-rig';
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

function auditKinds(r: LiveHostRig): string[] {
  return (
    r.engine.store.db.prepare('SELECT kind FROM audit_log ORDER BY seq').all() as Array<{
      kind: string;
    }>
  ).map((row) => row.kind);
}

function killDone(ui: RendererSocket): number {
  return ui.events.filter((e) => e.kind === 'killProgress' && e.payload.done).length;
}

describe('an order at the exchange after the kill is done (through the running host)', () => {
  it('one the exchange takes in after the kill recorded it as never placed: cancelled at once while HALTED, the trader told, `vigil status` corrected', async () => {
    const r = await liveHost();
    const ui = await r.renderer();
    try {
      // The exchange takes the order in only when released (a matching-engine backlog): the
      // host's ccxt client times out first, so the order comes back SUBMITTED.
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

      const killing = r.cli(['kill', '--reason', 'test', '--timeout', '60']);
      await expect
        .poll(
          () => ui.events.some((e) => e.kind === 'killProgress' && e.payload.step === 'retry'),
          POLL,
        )
        .toBe(true);
      // The grace for an unknown outcome (30 s of the host's clock) ends while the kill asks.
      await r.tick(31_000);
      const kill = await killing;
      expect(kill.code).toBe(0);
      expect(kill.io.out.join('')).toContain('recorded as never placed (EXPIRED)');
      expect(killDone(ui)).toBe(1);

      // Now the exchange takes it in: it rests there while Vigil is HALTED.
      release();
      await takenIn;
      // The user-data stream tells the host at once; the next reconciliation would too.
      await r.tick(10_000);
      await expect
        .poll(() => r.server.account.byClientId('BTCUSDT', order.clientOrderId)?.status, POLL)
        .toBe('CANCELED');
      await expect.poll(() => killDone(ui), POLL).toBe(2);
      expect(r.server.account.open()).toEqual([]);
      expect(r.engine.risk.control.mode).toBe('HALTED');

      // Told: an event for the windows, the kill's report corrected, audited.
      expect(
        ui.events.filter(
          (e) => e.kind === 'orderArrivedLate' && e.payload.clientOrderId === order.clientOrderId,
        ),
      ).toHaveLength(1);
      const status = (await r.cli(['status'])).io.out.join('');
      expect(status).toContain(
        `order whose answer was lost: binance buy 0.01 BTC/USDT limit at 6000 (client id ${order.clientOrderId}): recorded as never placed, then it arrived at binance late; cancelled`,
      );
      expect(auditKinds(r)).toEqual(
        expect.arrayContaining(['order.late_arrival', 'kill.reopened', 'kill.completed']),
      );
    } finally {
      ui.close();
    }
  }, 90_000);

  it("one placed by hand on the exchange while HALTED: seen and audited, shown as not Vigil's, left as it is, and re-arm waits for it", async () => {
    const r = await liveHost();
    expect((await r.cli(['kill', '--reason', 'test', '--timeout', '60'])).code).toBe(0);
    const quote = r.server.quoteUnits('BTCUSDT');
    if (quote === undefined) throw new Error('no BTC/USDT quote');
    // A protective sell the trader placed on the exchange's website after the kill.
    r.server.account.deposit('BTC', '0.01');
    r.server.account.place(
      {
        symbol: 'BTCUSDT',
        side: 'SELL',
        type: 'LIMIT',
        timeInForce: 'GTC',
        qty: '0.01',
        price: '9000.00',
        clientOrderId: 'web_manual_1',
      },
      quote,
    );
    const book = r.engine.trading.liveBooks()[0];
    if (book === undefined) throw new Error('no live book');
    // The live book's reconciliation (every 10 s, HALTED or not) finds it.
    await r.tick(10_000);
    await expect.poll(() => book.foreignOrders().length, POLL).toBe(1);
    await r.tick(10_000);
    // Not cancelled: it is the trader's, and may be what protects a position.
    expect(r.server.account.byClientId('BTCUSDT', 'web_manual_1')?.status).toBe('NEW');
    expect(r.engine.risk.kill.inProgress).toBe(false);
    expect(auditKinds(r)).toContain('live.foreign_order');
    const rearm = await r.cli(['rearm', '--reason', 'test']);
    expect(rearm.code).not.toBe(0);
    expect(rearm.io.err.join('')).toContain('venues still show open orders: binance 1');
  }, 90_000);
});
