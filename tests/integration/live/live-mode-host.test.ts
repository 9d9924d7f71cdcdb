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

function auditKinds(r: LiveHostRig): string[] {
  return (
    r.engine.store.db.prepare('SELECT kind FROM audit_log ORDER BY seq').all() as Array<{
      kind: string;
    }>
  ).map((row) => row.kind);
}

/** A running host on live prices from the local Binance, with a funded account and its key. */
async function liveReady(): Promise<LiveHostRig> {
  const r = await startLiveHost(tempDir(), { secrets: new MemorySecretStore() });
  rigs.push(r);
  r.server.addApiKey(LIVE_KEY);
  r.server.account.deposit('USDT', '10000');
  await addMain(r);
  await r.untilLive();
  return r;
}

describe('LIVE mode through the running host (the hosts’ own composition)', () => {
  it('vigil mode: PAPER by default; each missing LIVE condition is named; then LIVE', async () => {
    const r = await liveReady();
    const shown = await r.cli(['mode']);
    expect(shown.code).toBe(0);
    expect(shown.io.out.join('')).toContain('trading mode: PAPER');

    const noKey = await r.cli(['mode', 'live', '--connection', 'main', '--confirm', 'LIVE main']);
    expect(noKey.code).toBe(1);
    expect(noKey.io.err.join('')).toContain("LIVE refused: 'main' has no key: vigil keys set main");

    const set = await r.cli(['keys', 'set', 'main', '--stdin'], JSON.stringify(LIVE_KEY));
    expect(set.code).toBe(0);
    const wrong = await r.cli(['mode', 'live', '--connection', 'main', '--confirm', 'LIVE']);
    expect(wrong.code).toBe(1);
    expect(wrong.io.err.join('')).toContain('type the confirmation exactly: LIVE main');
    const unknown = await r.cli([
      'mode',
      'live',
      '--connection',
      'nosuch',
      '--confirm',
      'LIVE nosuch',
    ]);
    expect(unknown.io.err.join('')).toContain("LIVE refused: no connection 'nosuch'");

    const live = await r.cli(['mode', 'live', '--connection', 'main', '--confirm', 'LIVE main']);
    expect(live.io.err.join('')).toBe('');
    expect(live.code).toBe(0);
    expect(live.io.out.join('')).toContain(
      'trading mode: LIVE on main (book live:binance): real orders',
    );
    expect((await r.cli(['status'])).io.out.join('')).toContain('trading mode: LIVE');
    const audit = auditKinds(r);
    expect(audit.filter((k) => k === 'trading.live_refused')).toHaveLength(3);
    expect(audit).toContain('trading.mode_changed');
  });

  it('LIVE: an order from the cockpit reaches the exchange; the kill cancels it at the venue', async () => {
    const r = await liveReady();
    await r.cli(['keys', 'set', 'main', '--stdin'], JSON.stringify(LIVE_KEY));
    expect(
      (await r.cli(['mode', 'live', '--connection', 'main', '--confirm', 'LIVE main'])).code,
    ).toBe(0);
    const ui = await r.renderer();
    try {
      const order = await ui.client.call('placeOrder', {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        qty: '0.01',
        price: '6000',
        bracket: { stopLoss: '5900', takeProfit: '6300' },
      });
      expect(order).toMatchObject({ bookId: 'live:binance', state: 'OPEN' });
      expect(r.server.account.byClientId('BTCUSDT', order.clientOrderId)?.status).toBe('NEW');
      // The paper book never saw it.
      expect(r.engine.execution.book('paper')?.executor.list(false)).toEqual([]);

      const kill = await r.cli(['kill', '--reason', 'test', '--timeout', '60']);
      expect(kill.io.err.join('')).toBe('');
      expect(kill.code).toBe(0);
      expect(r.server.account.open()).toEqual([]);
      expect(r.engine.risk.control.mode).toBe('HALTED');
    } finally {
      ui.close();
    }
  });

  it('SHADOW records intents and sends nothing', async () => {
    const r = await liveReady();
    expect((await r.cli(['mode', 'shadow'])).code).toBe(0);
    const ui = await r.renderer();
    try {
      const order = await ui.client.call('placeOrder', {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        qty: '0.01',
        price: '6000',
      });
      expect(order).toMatchObject({
        bookId: 'shadow',
        state: 'CANCELED',
        reason: 'SHADOW: recorded, nothing sent',
      });
      expect(r.server.calls('/api/v3/order')).toEqual([]);
      expect(auditKinds(r)).toContain('order.intent');
    } finally {
      ui.close();
    }
  });
});

describe('LIVE conditions and foreign orders through the running host', () => {
  it('LIVE is refused on the replay, with a paper order in flight and while HALTED, each named and audited', async () => {
    const r = await liveReady();
    await r.cli(['keys', 'set', 'main', '--stdin'], JSON.stringify(LIVE_KEY));
    const goLive = (): ReturnType<LiveHostRig['cli']> =>
      r.cli(['mode', 'live', '--connection', 'main', '--confirm', 'LIVE main']);

    expect((await r.cli(['market', 'replay'])).code).toBe(0);
    const onReplay = await goLive();
    expect(onReplay.code).toBe(1);
    expect(onReplay.io.err.join('')).toContain(
      'LIVE refused: the engine plays the replay; LIVE trades on live prices (vigil market live)',
    );
    expect((await r.cli(['market', 'live'])).code).toBe(0);
    await r.untilLive();

    const ui = await r.renderer();
    try {
      const paper = await ui.client.call('placeOrder', {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        qty: '0.01',
        price: '6000',
      });
      expect(paper).toMatchObject({ bookId: 'paper', state: 'OPEN' });
      const inFlight = await goLive();
      expect(inFlight.code).toBe(1);
      expect(inFlight.io.err.join('')).toContain(
        'LIVE refused: 1 paper order(s) in flight: cancel them or let them finish first',
      );
      await ui.client.call('cancelOrder', { clientOrderId: paper.clientOrderId });
    } finally {
      ui.close();
    }

    expect((await r.cli(['kill', '--reason', 'test', '--timeout', '60'])).code).toBe(0);
    const halted = await goLive();
    expect(halted.code).toBe(1);
    expect(halted.io.err.join('')).toContain('LIVE refused: trading is HALTED: rearm first');
    expect(auditKinds(r).filter((k) => k === 'trading.live_refused')).toHaveLength(3);
    expect((await r.cli(['mode'])).io.out.join('')).toContain('trading mode: PAPER');
  });

  it('an order at the exchange that Vigil did not place blocks new entries until it is cancelled', async () => {
    const r = await liveReady();
    await r.cli(['keys', 'set', 'main', '--stdin'], JSON.stringify(LIVE_KEY));
    expect(
      (await r.cli(['mode', 'live', '--connection', 'main', '--confirm', 'LIVE main'])).code,
    ).toBe(0);
    // Placed by hand on the exchange's website: not in Vigil's database.
    const quote = r.server.quoteUnits('BTCUSDT');
    if (quote === undefined) throw new Error('no BTC/USDT quote');
    const MANUAL = {
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      qty: '0.01',
      price: '6000.00',
      clientOrderId: 'web_manual_1',
    } as const;
    r.server.account.place(MANUAL, quote);
    const book = r.engine.trading.liveBooks()[0];
    if (book === undefined) throw new Error('no live book');
    // The periodic reconciliation (every 10 s) finds it.
    await r.tick(10_000);
    await expect.poll(() => book.foreignOrders().length, POLL).toBe(1);
    const order = {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      qty: '0.01',
      price: '5900',
    } as const;
    const ui = await r.renderer();
    try {
      await expect(ui.client.call('placeOrder', order)).rejects.toThrow(
        'binance shows 1 open order(s) Vigil did not place: web_manual_1 (buy 0.01 BTC/USDT); adopt or cancel each before new entries',
      );
      expect(r.server.account.orders).toHaveLength(1);
      const status = await ui.client.call('resolveForeignOrder', {
        venue: 'binance',
        clientOrderId: 'web_manual_1',
        action: 'cancel',
      });
      expect(status.live[0]?.foreignOrders).toEqual([]);
      expect(r.server.account.byClientId('BTCUSDT', 'web_manual_1')?.status).toBe('CANCELED');
      expect(await ui.client.call('placeOrder', order)).toMatchObject({
        bookId: 'live:binance',
        state: 'OPEN',
      });
      // A second one, adopted: it stays at the exchange, known, and entries go again.
      r.server.account.place({ ...MANUAL, clientOrderId: 'web_manual_2', price: '5800.00' }, quote);
      await r.tick(10_000);
      await expect.poll(() => book.foreignOrders().length, POLL).toBe(1);
      await expect(ui.client.call('placeOrder', order)).rejects.toThrow('web_manual_2');
      await ui.client.call('resolveForeignOrder', {
        venue: 'binance',
        clientOrderId: 'web_manual_2',
        action: 'adopt',
      });
      expect(r.server.account.byClientId('BTCUSDT', 'web_manual_2')?.status).toBe('NEW');
      expect(await ui.client.call('placeOrder', { ...order, price: '5850' })).toMatchObject({
        state: 'OPEN',
      });
      expect(auditKinds(r)).toEqual(
        expect.arrayContaining([
          'live.foreign_order',
          'live.foreign_canceled',
          'live.foreign_adopted',
        ]),
      );
    } finally {
      ui.close();
    }
  });
});

describe('panic detectors fed by a live book', () => {
  async function armed(): Promise<LiveHostRig> {
    const r = await liveReady();
    await r.cli(['keys', 'set', 'main', '--stdin'], JSON.stringify(LIVE_KEY));
    expect(
      (await r.cli(['mode', 'live', '--connection', 'main', '--confirm', 'LIVE main'])).code,
    ).toBe(0);
    return r;
  }

  it('slippage: a market fill far from the quote the order expected halts trading', async () => {
    const r = await armed();
    const quote = r.engine.market
      .connectionStates()
      .get('main')
      ?.quotes.find((q) => q.symbol === 'BTC/USDT');
    expect(quote).toBeDefined();
    // The exchange moves 2% before the feed shows it: the order expected the old mid.
    r.server.setPrice('BTC', 'USDT', (((quote?.bid ?? 0) + (quote?.ask ?? 0)) / 2) * 1.02);
    const ui = await r.renderer();
    try {
      await ui.client.call('placeOrder', {
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'market',
        qty: '0.01',
        bracket: { stopLoss: '6000', takeProfit: '7500' },
      });
      await expect.poll(() => r.engine.risk.control.mode, { timeout: 15_000 }).toBe('HALTED');
      expect(r.engine.risk.control.current.actor).toBe('risk:panic:slippage');
    } finally {
      ui.close();
    }
  });

  it('error cascade: the venue failing call after call (5 in 60 s) halts trading', async () => {
    const r = await armed();
    r.server.fail('/api/v3/order', { kind: 'status', status: 503 }, 5, 'POST');
    const ui = await r.renderer();
    try {
      for (let i = 0; i < 5; i += 1) {
        await ui.client
          .call('placeOrder', {
            symbol: 'BTC/USDT',
            side: 'buy',
            type: 'limit',
            qty: '0.01',
            price: String(5000 + i),
          })
          .catch(() => undefined);
      }
      expect(r.engine.risk.control.mode).toBe('HALTED');
      expect(r.engine.risk.control.current.actor).toBe('risk:panic:error-cascade');
    } finally {
      ui.close();
    }
  });
});
