import { afterEach, describe, expect, it } from 'vitest';
import type { KillState } from '../../../src-shared/contract/risk';
import type { OrderView } from '../../../src-shared/domain/order';
import {
  priceAt,
  qtyFor,
  startLiveKillRig,
  venueOpenOrders,
  type LiveKillRig,
} from '../../support/live-kill-rig';
import { until } from '../../support/until';

const rigs: LiveKillRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.stop();
});

async function rig(options: Parameters<typeof startLiveKillRig>[0] = {}): Promise<LiveKillRig> {
  const r = await startLiveKillRig({ callTimeoutMs: 400, killWaitsOnClock: true, ...options });
  rigs.push(r);
  return r;
}

function auditPayloads(r: LiveKillRig, kind: string): Array<Record<string, unknown>> {
  return (
    r.store.db
      .prepare('SELECT payload FROM audit_log WHERE kind = ? ORDER BY seq')
      .all(kind) as Array<{ payload: string }>
  ).map((row) => JSON.parse(row.payload) as Record<string, unknown>);
}

/**
 * The next order reaches the exchange, which takes it in only when `release` is called (a
 * matching-engine backlog): ccxt times out first, so its outcome is unknown. `takenIn` settles
 * once the exchange has taken it in.
 */
function holdNextOrder(r: LiveKillRig): { release: () => void; takenIn: Promise<void> } {
  let release: () => void = () => {};
  let taken: () => void = () => {};
  const takenIn = new Promise<void>((resolve) => (taken = resolve));
  r.server.fail(
    '/api/v3/order',
    { kind: 'hold', release: new Promise<void>((resolve) => (release = resolve)), answered: taken },
    1,
    'POST',
  );
  return { release: () => release(), takenIn };
}

/**
 * The next order is answered 503 by the gateway at once (its outcome unknown), and the
 * exchange's matching engine takes it in only when `release` is called.
 */
function backlogNextOrder(r: LiveKillRig): { release: () => void; takenIn: Promise<void> } {
  let release: () => void = () => {};
  let taken: () => void = () => {};
  const takenIn = new Promise<void>((resolve) => (taken = resolve));
  r.server.fail(
    '/api/v3/order',
    {
      kind: 'backlog',
      status: 503,
      release: new Promise<void>((resolve) => (release = resolve)),
      taken,
    },
    1,
    'POST',
  );
  return { release: () => release(), takenIn };
}

/** A BTC/USDT limit buy 10% under the market: it rests once the exchange takes it in. */
function limitBuy(r: LiveKillRig): Promise<OrderView> {
  const price = priceAt(r, 'BTC/USDT', 0.9);
  return r.executor.place(
    { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: qtyFor(r, 'BTC/USDT', price), price },
    'user:test',
  );
}

function marketBuy(r: LiveKillRig): Promise<OrderView> {
  const qty = qtyFor(r, 'BTC/USDT', priceAt(r, 'BTC/USDT', 1));
  return r.executor.place({ symbol: 'BTC/USDT', side: 'buy', type: 'market', qty }, 'user:test');
}

/**
 * The kill runs to its end while the exchange holds the order: every pass asks for it by its
 * client id, and when the grace ends it is recorded as never placed (EXPIRED).
 */
async function killGivesUp(r: LiveKillRig, order: OrderView, flatten = false): Promise<KillState> {
  const done = await r.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten }).done;
  expect(done.phase).toBe('done');
  expect(done.unknownOutcomes).toMatchObject([
    { clientOrderId: order.clientOrderId, outcome: 'never-found' },
  ]);
  expect(r.executor.view(order.clientOrderId).state).toBe('EXPIRED');
  return done;
}

/** The kill that a late order reopened, to its end. */
async function reopenedKill(r: LiveKillRig): Promise<KillState> {
  const running = r.risk.kill.runningKill;
  expect(running).not.toBeNull();
  return (await running) as KillState;
}

describe('an order the exchange takes in after the kill recorded it as never placed (the local Binance, through ccxt)', () => {
  it('while HALTED, found resting by the next reconciliation: its record is corrected, it is cancelled at once, and the kill says so', async () => {
    const r = await rig();
    const { release, takenIn } = holdNextOrder(r);
    const order = await limitBuy(r);
    expect(order.state).toBe('SUBMITTED');
    const first = await killGivesUp(r, order);

    // The exchange takes it in now: it rests there while Vigil is HALTED.
    release();
    await takenIn;
    expect(venueOpenOrders(r)).toBe(1);
    await r.executor.reconcile('system:live-reconcile');
    const done = await reopenedKill(r);

    expect(r.risk.control.mode).toBe('HALTED');
    expect(venueOpenOrders(r)).toBe(0);
    expect(r.server.account.byClientId('BTCUSDT', order.clientOrderId)?.status).toBe('CANCELED');
    // Never sent again: one placement, the one the exchange was late with.
    expect(r.server.calls('/api/v3/order').filter((c) => c.method === 'POST')).toHaveLength(1);
    // The record that said "never placed" is corrected, in its history, not overwritten.
    expect(r.executor.view(order.clientOrderId).state).toBe('CANCELED');
    const history = r.store.db
      .prepare(
        'SELECT from_state, to_state FROM exec_transitions WHERE client_order_id = ? ORDER BY rowid',
      )
      .all(order.clientOrderId) as Array<{ from_state: string; to_state: string }>;
    expect(history.map((h) => `${h.from_state}>${h.to_state}`)).toEqual([
      'INTENT>SUBMITTED',
      'SUBMITTED>EXPIRED',
      'EXPIRED>SUBMITTED',
      'SUBMITTED>OPEN',
      'OPEN>CANCEL_PENDING',
      'CANCEL_PENDING>CANCELED',
    ]);
    expect(auditPayloads(r, 'order.late_arrival')).toMatchObject([
      {
        clientOrderId: order.clientOrderId,
        seenAs: 'the venue shows it OPEN',
        recorded: 'EXPIRED',
      },
    ]);
    // The same kill, reopened for it, and its report's line on the order corrected.
    expect(done.killId).toBe(first.killId);
    expect(auditPayloads(r, 'kill.reopened')).toMatchObject([
      { killId: first.killId, venue: 'binance', clientOrderId: order.clientOrderId },
    ]);
    expect(done.unknownOutcomes).toMatchObject([
      { clientOrderId: order.clientOrderId, outcome: 'cancelled' },
    ]);
    expect(done.unknownOutcomes?.[0]?.detail).toContain(
      'recorded as never placed, then it arrived at binance late; cancelled',
    );
    expect(auditPayloads(r, 'kill.completed')).toHaveLength(2);
  });

  it('while HALTED, answered 503 and taken in from a backlog later, seen first in the user-data stream: cancelled at once', async () => {
    const r = await rig({ userStream: true });
    const { release, takenIn } = backlogNextOrder(r);
    const order = await limitBuy(r);
    expect(order.state).toBe('SUBMITTED');
    await killGivesUp(r, order);

    release();
    await takenIn;
    // No reconciliation: the exchange's executionReport is what tells the executor.
    await until(
      (listener) => r.executor.observe({ order: listener }),
      () => r.executor.view(order.clientOrderId).state === 'CANCELED',
    );
    await (r.risk.kill.runningKill ?? Promise.resolve());
    expect(r.risk.kill.current?.unknownOutcomes).toMatchObject([
      { clientOrderId: order.clientOrderId, outcome: 'cancelled' },
    ]);
    expect(venueOpenOrders(r)).toBe(0);
    expect(r.executor.view(order.clientOrderId).state).toBe('CANCELED');
    expect(auditPayloads(r, 'order.late_arrival')).toHaveLength(1);
  });

  it('while HALTED, a market buy that filled as soon as the exchange took it in: its fill is booked, and a flatten kill sells it', async () => {
    const r = await rig();
    const { release, takenIn } = holdNextOrder(r);
    const order = await marketBuy(r);
    expect(order.state).toBe('SUBMITTED');
    await killGivesUp(r, order, true);

    release();
    await takenIn;
    // Filled at once: it never shows among the open orders, only when asked for by its id.
    expect(venueOpenOrders(r)).toBe(0);
    await r.executor.reconcile('system:live-reconcile');
    const done = await reopenedKill(r);

    expect(r.executor.view(order.clientOrderId).state).toBe('FILLED');
    expect(r.ledger.fillsOfOrder('live:binance', order.clientOrderId)).toHaveLength(1);
    expect(done.unknownOutcomes).toMatchObject([
      { clientOrderId: order.clientOrderId, outcome: 'filled' },
    ]);
    expect(done.unknownOutcomes?.[0]?.detail).toContain(
      'recorded as never placed, then it arrived at binance late, already filled',
    );
    // Bought once (never resent), sold once by the reopened kill's flatten.
    expect(r.server.account.trades.map((t) => t.side)).toEqual(['BUY', 'SELL']);
    const left = Number(r.ledger.positions('live:binance')[0]?.qty ?? '0');
    expect(left).toBeLessThan(Number(r.broker.markets()[0]?.stepSize));
  });

  it('while RUNNING after a re-arm: adopted into the book as it is at the exchange (not left EXPIRED while it works), and said', async () => {
    const r = await rig();
    const { release, takenIn } = holdNextOrder(r);
    const order = await limitBuy(r);
    await killGivesUp(r, order);
    await r.risk.kill.rearm('user:test', 'test');
    expect(r.risk.control.mode).toBe('RUNNING');

    release();
    await takenIn;
    await r.executor.reconcile('system:live-reconcile');

    expect(r.risk.kill.runningKill).toBeNull();
    expect(venueOpenOrders(r)).toBe(1);
    const view = r.executor.view(order.clientOrderId);
    expect(view.state).toBe('OPEN');
    expect(r.executor.list(true).map((o) => o.clientOrderId)).toEqual([order.clientOrderId]);
    expect(auditPayloads(r, 'order.late_arrival')).toMatchObject([
      {
        clientOrderId: order.clientOrderId,
        seenAs: 'the venue shows it OPEN',
        recorded: 'EXPIRED',
      },
    ]);
    // The next kill finds it like any order resting at the exchange.
    await r.risk.triggerKill({ actor: 'user:test', reason: 'again', flatten: false }).done;
    expect(venueOpenOrders(r)).toBe(0);
  });
});
