import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../../src-shared/domain/candle';
import { AuditLog } from '../../../../src-main/engine/audit/audit-log';
import { verifyAuditChain } from '../../../../src-main/engine/audit/verify-audit';
import { Executor, type ExecutorOptions } from '../../../../src-main/engine/execution/executor';
import {
  PaperBroker,
  type PaperBrokerOptions,
} from '../../../../src-main/engine/execution/paper/paper-broker';
import { Ledger } from '../../../../src-main/engine/ledger/ledger';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { at, loadCandles } from '../../../support/execution-fixture';
import { FaultyBroker } from '../../../support/faulty-broker';
import { ManualClock } from '../../../support/manual-clock';

const BTC = loadCandles('binance_BTC-USDT_1m.csv');
const MIN = 60_000;

function setup(
  executor: Partial<ExecutorOptions> = {},
  paperOptions: Partial<PaperBrokerOptions> = {},
) {
  const store = openVigilStore(':memory:');
  const clock = new ManualClock(at(BTC, 0).openTime);
  const audit = new AuditLog(store.db, clock);
  const ledger = new Ledger(store.db);
  const paper = new PaperBroker({
    db: store.db,
    clock,
    startingBalance: '100000',
    ...paperOptions,
  });
  ledger.ensureBook('paper', 'USDT', '100000', clock.now());
  const broker = new FaultyBroker(paper);
  const exec = new Executor({
    db: store.db,
    clock,
    audit,
    broker,
    ledger,
    sleep: () => Promise.resolve(),
    random: () => 0.5,
    ...executor,
  });
  exec.start();
  const errors: unknown[] = [];
  exec.observe({ error: (e) => errors.push(e) });
  let bar = 0;
  const next = (): Candle => {
    const c = at(BTC, bar);
    clock.advance(c.openTime + MIN - clock.now());
    paper.onBar('BTC/USDT', c, '1m');
    bar += 1;
    return c;
  };
  next();
  const venueSubmits = (cid: string): number =>
    (
      store.db
        .prepare(
          "SELECT COUNT(*) AS n FROM paper_requests WHERE kind = 'submit' AND client_order_id = ?",
        )
        .get(cid) as { n: number }
    ).n;
  return { store, clock, audit, ledger, paper, broker, exec, next, venueSubmits, errors };
}

const market = { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty: '0.01' } as const;
const limit = {
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  price: '6000',
  qty: '0.01',
} as const;

describe('executor: write-ahead intents and idempotency', () => {
  it('gives every order a unique, venue-safe client id written before the send', async () => {
    const t = setup();
    const ids = new Set<string>();
    for (let i = 0; i < 20; i += 1) ids.add((await t.exec.place(limit, 'test')).clientOrderId);
    expect(ids.size).toBe(20);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-z]+$/);
      expect(id.length).toBeLessThanOrEqual(Math.min(t.broker.maxClientOrderIdLength, 32));
    }
    // The intent and the submit are audited before the venue's ack.
    const kinds = (
      t.store.db.prepare('SELECT kind FROM audit_log ORDER BY seq LIMIT 3').all() as Array<{
        kind: string;
      }>
    ).map((r) => r.kind);
    expect(kinds).toEqual(['order.intent', 'order.submit', 'order.ack']);
  });

  it('a submit whose reply was lost is resolved by asking the venue, not by sending again', async () => {
    const t = setup();
    t.broker.dropEvents = true;
    t.broker.submitFaults.push('lost-reply');
    const o = await t.exec.place(limit, 'test');
    expect(o.state).toBe('OPEN');
    expect(t.broker.submitCalls).toBe(1);
    expect(t.venueSubmits(o.clientOrderId)).toBe(1);
    const unknown = t.store.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'order.unknown-outcome'")
      .get() as { n: number };
    expect(unknown.n).toBe(1);
  });

  it('a submit that never arrived stays SUBMITTED, then expires after the grace period, never resent', async () => {
    const t = setup({ unknownGraceMs: 30_000 });
    t.broker.submitFaults.push('lost-request');
    const o = await t.exec.place(limit, 'test');
    expect(o.state).toBe('SUBMITTED');
    await t.exec.reconcile('test');
    expect(t.exec.view(o.clientOrderId).state).toBe('SUBMITTED');
    t.clock.advance(30_000);
    const report = await t.exec.reconcile('test');
    expect(t.exec.view(o.clientOrderId)).toMatchObject({
      state: 'EXPIRED',
      reason: 'the venue has no record of it; it never arrived',
    });
    expect(report.checked).toBe(1);
    expect(t.broker.submitCalls).toBe(1);
    expect(t.venueSubmits(o.clientOrderId)).toBe(0);
  });

  it('retries a definitely-not-sent submit with the same client id', async () => {
    const t = setup();
    t.broker.submitFaults.push('not-sent', 'not-sent');
    const o = await t.exec.place(limit, 'test');
    expect(o.state).toBe('OPEN');
    expect(t.broker.submitIds).toEqual([o.clientOrderId, o.clientOrderId, o.clientOrderId]);
    expect(t.venueSubmits(o.clientOrderId)).toBe(1);
  });

  it('gives up after the attempt limit and says why', async () => {
    const t = setup({ maxSendAttempts: 3 });
    t.broker.submitFaults.push('not-sent', 'not-sent', 'not-sent');
    const o = await t.exec.place(limit, 'test');
    expect(o.state).toBe('EXPIRED');
    expect(o.reason).toContain('never reached the venue');
    expect(t.broker.submitCalls).toBe(3);
  });

  it('a venue query that fails leaves the order unresolved until a later reconcile', async () => {
    const t = setup();
    t.broker.dropEvents = true;
    t.broker.submitFaults.push('lost-reply');
    t.broker.fetchFails = 2;
    const o = await t.exec.place(limit, 'test');
    expect(o.state).toBe('SUBMITTED');
    await t.exec.reconcile('test');
    expect(t.exec.view(o.clientOrderId).state).toBe('SUBMITTED');
    await t.exec.reconcile('test');
    expect(t.exec.view(o.clientOrderId).state).toBe('OPEN');
    expect(t.broker.submitCalls).toBe(1);
    expect(t.errors.map(String)).toEqual([
      'BrokerUnknownOutcomeError: paper: outcome unknown: timeout',
      'BrokerUnknownOutcomeError: paper: outcome unknown: timeout',
    ]);
  });

  it('the same request key places one order only', async () => {
    const t = setup();
    const a = await t.exec.place({ ...limit, requestKey: 'ui-click-1' }, 'test');
    const b = await t.exec.place({ ...limit, requestKey: 'ui-click-1' }, 'test');
    expect(b.clientOrderId).toBe(a.clientOrderId);
    expect(t.broker.submitCalls).toBe(1);
  });

  it('startup reconciliation recovers fills that were never pushed', async () => {
    const t = setup();
    t.broker.dropEvents = true;
    const o = await t.exec.place(market, 'test');
    t.next();
    expect(t.ledger.fills('paper')).toHaveLength(0);
    t.broker.dropEvents = false;
    const report = await t.exec.reconcile('system:startup');
    expect(report.fillsRecovered).toBe(1);
    expect(t.exec.view(o.clientOrderId)).toMatchObject({ state: 'FILLED', filledQty: '0.01' });
    // A second reconcile finds nothing new: no fill counted twice.
    expect((await t.exec.reconcile('system:startup')).fillsRecovered).toBe(0);
    expect(t.ledger.fills('paper')).toHaveLength(1);
  });

  it('drops a stale intent at restart and sends a fresh one', async () => {
    const t = setup({ staleIntentMs: 60_000 });
    const stale = t.exec.orders.insertIntent(
      'paper',
      'paper',
      { ...limit, timeInForce: 'GTC', reduceOnly: false },
      {
        placedBy: 'test',
        bracketRole: null,
        parentClientOrderId: null,
        ocoGroup: null,
      },
    );
    t.clock.advance(61_000);
    const fresh = t.exec.orders.insertIntent(
      'paper',
      'paper',
      { ...limit, timeInForce: 'GTC', reduceOnly: false },
      {
        placedBy: 'test',
        bracketRole: null,
        parentClientOrderId: null,
        ocoGroup: null,
      },
    );
    const report = await t.exec.reconcile('system:startup');
    expect(report).toMatchObject({ sent: 1, dropped: 1 });
    expect(t.exec.view(stale.client_order_id).state).toBe('CANCELED');
    expect(t.exec.view(fresh.client_order_id).state).toBe('OPEN');
    expect(t.venueSubmits(stale.client_order_id)).toBe(0);
  });

  it('the gate can refuse: the intent is recorded as REJECTED and nothing is sent', async () => {
    const t = setup({ gate: () => ({ approved: false, reason: 'HALTED' }) });
    const o = await t.exec.place(market, 'test');
    expect(o).toMatchObject({ state: 'REJECTED', reason: 'gate: HALTED' });
    expect(t.broker.submitCalls).toBe(0);
  });

  it('refuses a malformed request before writing anything, naming the field', async () => {
    const t = setup();
    await expect(t.exec.place({ ...market, price: '6000' }, 'test')).rejects.toThrow(
      'order request: price: not allowed on a market order',
    );
    await expect(t.exec.place({ ...limit, price: undefined }, 'test')).rejects.toThrow(
      'order request: price: required for a limit order',
    );
    await expect(t.exec.place({ ...market, qty: '-1' }, 'test')).rejects.toThrow(
      'order request: qty',
    );
    await expect(
      t.exec.place({ ...market, bracket: { stopLoss: '7000', takeProfit: '6000' } }, 'test'),
    ).rejects.toThrow('stop-loss must be below take-profit');
    expect(t.exec.list(false)).toHaveLength(0);
  });
});

describe('executor: cancel', () => {
  it('cancels open orders, intents locally, and refuses a final one', async () => {
    const t = setup();
    const o = await t.exec.place(limit, 'test');
    expect((await t.exec.cancel(o.clientOrderId, 'test')).state).toBe('CANCELED');
    await expect(t.exec.cancel(o.clientOrderId, 'test')).rejects.toThrow('is already CANCELED');
    const intent = t.exec.orders.insertIntent(
      'paper',
      'paper',
      { ...limit, timeInForce: 'GTC', reduceOnly: false },
      {
        placedBy: 'test',
        bracketRole: null,
        parentClientOrderId: null,
        ocoGroup: null,
      },
    );
    expect((await t.exec.cancel(intent.client_order_id, 'test')).reason).toBe(
      'canceled before it was sent',
    );
  });

  it('a cancel that loses the race to a fill ends FILLED', async () => {
    const t = setup();
    t.broker.dropEvents = true;
    const o = await t.exec.place(market, 'test');
    t.next(); // fills at the venue; we have not heard
    const v = await t.exec.cancel(o.clientOrderId, 'test');
    expect(v.state).toBe('FILLED');
    expect(t.ledger.fills('paper')).toHaveLength(1);
    const transitions = t.store.db
      .prepare(
        'SELECT from_state, to_state FROM exec_transitions WHERE client_order_id = ? ORDER BY seq',
      )
      .all(o.clientOrderId);
    expect(transitions).toEqual([
      { from_state: 'INTENT', to_state: 'SUBMITTED' },
      { from_state: 'SUBMITTED', to_state: 'OPEN' },
      { from_state: 'OPEN', to_state: 'CANCEL_PENDING' },
      { from_state: 'CANCEL_PENDING', to_state: 'FILLED' },
    ]);
  });

  it('cancel-all clears every open order at the venue', async () => {
    const t = setup();
    await t.exec.place(limit, 'test');
    await t.exec.place({ ...limit, price: '5900' }, 'test');
    const r = await t.exec.cancelAll('user:kill');
    expect(r).toMatchObject({ canceled: 2, stillOpen: [] });
    expect(await t.paper.openOrders()).toEqual([]);
  });

  it('audits intent, submit, ack, fill and cancel, and the chain verifies', async () => {
    const t = setup();
    await t.exec.place(market, 'test');
    t.next();
    const o = await t.exec.place(limit, 'test');
    await t.exec.cancel(o.clientOrderId, 'test');
    await t.exec.place({ ...limit, qty: '0.0001' }, 'test'); // rejected: NOTIONAL
    const kinds = new Set(
      (t.store.db.prepare('SELECT kind FROM audit_log').all() as Array<{ kind: string }>).map(
        (r) => r.kind,
      ),
    );
    for (const k of [
      'order.intent',
      'order.submit',
      'order.ack',
      'order.fill',
      'order.filled',
      'order.cancel',
      'order.canceled',
      'order.reject',
    ]) {
      expect(kinds, k).toContain(k);
    }
    expect(verifyAuditChain(t.store.db).intact).toBe(true);
  });
});

describe('executor: cancel racing a submit', () => {
  it('a cancel-all during an in-flight submit still cancels the order once the venue acks it', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const t = setup();
    // Hold the venue's reply to the submit until the cancel-all has run.
    const originalSubmit = t.broker.submit.bind(t.broker);
    t.broker.submit = async (req) => {
      await gate;
      return originalSubmit(req);
    };
    const placing = t.exec.place(limit, 'test');
    const [order] = t.exec.list(true);
    expect(order?.state).toBe('SUBMITTED');
    const killing = t.exec.cancelAll('user:kill');
    release();
    await Promise.all([placing, killing]);
    await t.exec.idle();
    expect(await t.paper.openOrders()).toEqual([]);
    expect(t.exec.view(order?.clientOrderId ?? '').state).toBe('CANCELED');
  });
});

describe('executor: slow submits', () => {
  it('never expires an order whose submit call is still waiting, even past the grace period', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const t = setup({ unknownGraceMs: 30_000 });
    const originalSubmit = t.broker.submit.bind(t.broker);
    t.broker.submit = async (req) => {
      await held;
      return originalSubmit(req);
    };
    const placing = t.exec.place(limit, 'test');
    const [order] = t.exec.list(true);
    t.clock.advance(120_000);
    await t.exec.reconcile('system:periodic');
    expect(t.exec.view(order?.clientOrderId ?? '').state).toBe('SUBMITTED');
    release();
    expect((await placing).state).toBe('OPEN');
    const anomalies = t.store.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'order.anomaly'")
      .get();
    expect(anomalies).toEqual({ n: 0 });
  });
});

describe('executor: exits of a flat position', () => {
  // A margin account: there a resting exit does not lock the asset, so a plain reduce-only
  // order can close the position under its bracket (a spot venue would refuse it; the engine's
  // closePosition cancels the exits first).
  const margin = { marginTrading: true } as const;

  it('a close that leaves the symbol flat cancels the bracket legs still working, audited', async () => {
    const t = setup({}, margin);
    const entry = await t.exec.place(
      { ...market, bracket: { stopLoss: '5000', takeProfit: '9000' } },
      'test',
    );
    t.next(); // the entry fills at this bar's open; its exits are written and sent
    await t.exec.idle();
    expect(t.exec.view(entry.clientOrderId).state).toBe('FILLED');
    const legs = (): Array<{ role: string | null; state: string; reason: string | null }> =>
      t.exec
        .list(false)
        .filter((o) => o.parentClientOrderId === entry.clientOrderId)
        .map((o) => ({ role: o.bracketRole, state: o.state, reason: o.reason }));
    expect(legs().map((l) => l.state)).toEqual(['OPEN', 'OPEN']);

    // The trader closes the position by hand; nothing of the bracket has traded.
    await t.exec.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.01', reduceOnly: true },
      'user:ui',
    );
    t.next();
    await t.exec.idle();
    expect(t.ledger.positions('paper').find((p) => p.symbol === 'BTC/USDT')?.qty).toBe('0');
    const reason = 'position flat: this exit no longer protects anything';
    expect(legs()).toEqual(
      expect.arrayContaining([
        { role: 'stop-loss', state: 'CANCELED', reason },
        { role: 'take-profit', state: 'CANCELED', reason },
      ]),
    );
    expect(await t.paper.openOrders()).toEqual([]);
    const audit = t.store.db
      .prepare("SELECT actor, payload FROM audit_log WHERE kind = 'order.exits_canceled_on_flat'")
      .all() as Array<{ actor: string; payload: string }>;
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.payload ?? '{}')).toMatchObject({
      symbol: 'BTC/USDT',
      orders: expect.arrayContaining([expect.any(String), expect.any(String)]),
    });
    // A later position in the same symbol is not touched by the old legs.
    await t.exec.place(market, 'test');
    t.next();
    t.next();
    await t.exec.idle();
    expect(t.ledger.positions('paper').find((p) => p.symbol === 'BTC/USDT')?.qty).toBe('0.01');
    expect(t.errors).toEqual([]);
  });

  it('a partial close leaves the exits working', async () => {
    const t = setup({}, margin);
    const entry = await t.exec.place(
      { ...market, qty: '0.02', bracket: { stopLoss: '5000', takeProfit: '9000' } },
      'test',
    );
    t.next();
    await t.exec.idle();
    await t.exec.place(
      { symbol: 'BTC/USDT', side: 'sell', type: 'market', qty: '0.01', reduceOnly: true },
      'user:ui',
    );
    t.next();
    await t.exec.idle();
    const states = t.exec
      .list(true)
      .filter((o) => o.parentClientOrderId === entry.clientOrderId)
      .map((o) => o.state);
    expect(states).toEqual(['OPEN', 'OPEN']);
  });
});
