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

const rigs: LiveKillRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.stop();
});

async function rig(options: Parameters<typeof startLiveKillRig>[0]): Promise<LiveKillRig> {
  const r = await startLiveKillRig(options);
  rigs.push(r);
  return r;
}

/** A BTC/USDT limit buy 10% under the market: it rests once the exchange takes it in. */
function limitBuy(r: LiveKillRig): Promise<OrderView> {
  const price = priceAt(r, 'BTC/USDT', 0.9);
  return r.executor.place(
    { symbol: 'BTC/USDT', side: 'buy', type: 'limit', qty: qtyFor(r, 'BTC/USDT', price), price },
    'user:test',
  );
}

function auditPayloads(r: LiveKillRig, kind: string): Array<Record<string, unknown>> {
  return (
    r.store.db
      .prepare('SELECT payload FROM audit_log WHERE kind = ? ORDER BY seq')
      .all(kind) as Array<{ payload: string }>
  ).map((row) => JSON.parse(row.payload) as Record<string, unknown>);
}

/**
 * The next order reaches the exchange, which takes it in only when `release` is called: ccxt
 * times out first (RequestTimeout: the outcome is unknown). `takenIn` settles once it did.
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
 * The kill's first pass lists the exchange's open orders (none) and asks again (none); the
 * exchange takes the held order in just after answering that second question.
 */
function releaseAfterSecondLook(r: LiveKillRig, release: () => void): void {
  const passThrough = { kind: 'hold', release: Promise.resolve() } as const;
  r.server.fail('/api/v3/openOrders', passThrough, 1, 'GET');
  r.server.fail('/api/v3/openOrders', { ...passThrough, answered: release }, 1, 'GET');
}

describe('the kill chases an order whose placement answer was lost (the local Binance, through ccxt)', () => {
  it('an order the exchange takes in only after the kill looked, its answer timed out, is found by its client id and cancelled', async () => {
    const r = await rig({ callTimeoutMs: 400 });
    const { release, takenIn } = holdNextOrder(r);
    const order = await limitBuy(r);
    expect(order.state).toBe('SUBMITTED');
    expect(venueOpenOrders(r)).toBe(0);

    const handle = r.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false });
    expect(r.risk.control.mode).toBe('HALTED');
    // Taken in just after the kill's first pass looked: it rests from then on.
    releaseAfterSecondLook(r, release);
    const done = await handle.done;
    await takenIn;
    await r.executor.idle();

    expect(done.phase).toBe('done');
    // Nothing rests at the exchange: the order was found by its id and cancelled, never resent.
    expect(venueOpenOrders(r)).toBe(0);
    expect(r.server.account.byClientId('BTCUSDT', order.clientOrderId)?.status).toBe('CANCELED');
    expect(r.server.calls('/api/v3/order').filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(r.executor.view(order.clientOrderId).state).toBe('CANCELED');
    // The report says what became of it, in words; the first pass was not clean because of it.
    const steps = auditPayloads(r, 'kill.step');
    expect(steps[0]).toMatchObject({
      attempt: 1,
      openOrders: 0,
      unknownOutcomes: [{ clientOrderId: order.clientOrderId, outcome: 'unresolved' }],
    });
    const [completed] = auditPayloads(r, 'kill.completed');
    expect(completed).toMatchObject({
      openOrders: 0,
      unknownOutcomes: [{ clientOrderId: order.clientOrderId, outcome: 'cancelled' }],
    });
    expect(done.unknownOutcomes?.[0]?.detail).toContain(
      'found at binance after its answer was lost, and cancelled',
    );
  });

  it('a market buy taken in after the kill looked fills at once: found filled by its client id, booked, and sold once by the flatten', async () => {
    const r = await rig({ callTimeoutMs: 400 });
    const { release, takenIn } = holdNextOrder(r);
    const qty = qtyFor(r, 'BTC/USDT', priceAt(r, 'BTC/USDT', 1));
    const order = await r.executor.place(
      { symbol: 'BTC/USDT', side: 'buy', type: 'market', qty },
      'user:test',
    );
    expect(order.state).toBe('SUBMITTED');

    const handle = r.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: true });
    releaseAfterSecondLook(r, release);
    const done = await handle.done;
    await takenIn;
    await r.executor.idle();

    expect(done.phase).toBe('done');
    expect(r.executor.view(order.clientOrderId).state).toBe('FILLED');
    const [completed] = auditPayloads(r, 'kill.completed');
    expect(completed).toMatchObject({
      positions: 0,
      unknownOutcomes: [{ clientOrderId: order.clientOrderId, outcome: 'filled' }],
    });
    expect(done.unknownOutcomes?.[0]?.detail).toContain('found at binance already filled');
    // Bought once (never resent), sold once by the kill; nothing left but the dust under a step.
    expect(r.server.calls('/api/v3/order').filter((c) => c.method === 'POST')).toHaveLength(2);
    expect(r.server.account.trades.map((t) => t.side)).toEqual(['BUY', 'SELL']);
    expect(venueOpenOrders(r)).toBe(0);
    const left = Number(r.ledger.positions('live:binance')[0]?.qty ?? '0');
    expect(left).toBeLessThan(Number(r.broker.markets()[0]?.stepSize));
  });

  it('a failed question about such an order is said in the kill step, never taken for an answer; the next pass asks again', async () => {
    const r = await rig({ callTimeoutMs: 400 });
    const { release, takenIn } = holdNextOrder(r);
    const order = await limitBuy(r);
    expect(order.state).toBe('SUBMITTED');
    // The kill's first question about the order is answered 502 by the gateway.
    r.server.fail('/api/v3/order', { kind: 'status', status: 502 }, 1, 'GET');
    const handle = r.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false });
    releaseAfterSecondLook(r, release);
    const done = await handle.done;
    await takenIn;
    await r.executor.idle();

    expect(done.phase).toBe('done');
    expect(venueOpenOrders(r)).toBe(0);
    const [first] = auditPayloads(r, 'kill.step');
    expect(first).toMatchObject({
      attempt: 1,
      unknownOutcomes: [{ clientOrderId: order.clientOrderId, outcome: 'unresolved' }],
    });
    const detail = (first?.['unknownOutcomes'] as Array<{ detail: string }>)[0]?.detail;
    expect(detail).toContain('outcome unknown: asking binance for it failed (');
    expect(detail).toContain('asking again');
    expect(auditPayloads(r, 'kill.completed')[0]).toMatchObject({
      unknownOutcomes: [{ clientOrderId: order.clientOrderId, outcome: 'cancelled' }],
    });
  });

  it('an order the exchange never shows is asked for until the grace ends, then reported as never placed, in words', async () => {
    const r = await rig({ killWaitsOnClock: true });
    // A 503 from the gateway: the order may or may not have gone through (here it did not).
    r.server.fail('/api/v3/order', { kind: 'status', status: 503 }, 1, 'POST');
    const order = await limitBuy(r);
    expect(order.state).toBe('SUBMITTED');

    const done = await r.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false })
      .done;
    expect(done.phase).toBe('done');
    expect(r.executor.view(order.clientOrderId).state).toBe('EXPIRED');
    // Every pass before the grace ended asked the exchange by the order's id and was not clean.
    const steps = auditPayloads(r, 'kill.step');
    expect(steps.length).toBeGreaterThan(1);
    for (const step of steps.slice(0, -1))
      expect(step).toMatchObject({ unknownOutcomes: [{ outcome: 'unresolved' }] });
    // While it was unknown it was asked for at least every second (the kill's waits move the
    // test's clock), not at the backoff's 10 s: an order taken in meanwhile would rest or fill.
    const stepTimes = (
      r.store.db
        .prepare("SELECT at FROM audit_log WHERE kind = 'kill.step' ORDER BY seq")
        .all() as Array<{
        at: number;
      }>
    ).map((row) => row.at);
    const gaps = stepTimes.slice(1).map((t, i) => t - (stepTimes[i] ?? t));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000);
    const firstWords = (steps[0]?.['unknownOutcomes'] as Array<{ detail: string }>)[0]?.detail;
    expect(firstWords).toContain(
      'outcome unknown: binance has no record of it yet (asked by its client id); asking until found or the grace ends in 30 s',
    );
    const [completed] = auditPayloads(r, 'kill.completed');
    expect(completed).toMatchObject({
      unknownOutcomes: [{ clientOrderId: order.clientOrderId, outcome: 'never-found' }],
    });
    expect(done.unknownOutcomes?.[0]?.detail).toContain(
      'not found at binance by its client id within the 30 s grace: recorded as never placed (EXPIRED)',
    );
    expect(r.server.calls('/api/v3/order').filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it("pushes each pass's state to the windows as the kill runs: once a pass, the chased order's grace counting down, then its fate", async () => {
    const r = await rig({ killWaitsOnClock: true });
    r.server.fail('/api/v3/order', { kind: 'status', status: 503 }, 1, 'POST');
    const order = await limitBuy(r);
    expect(order.state).toBe('SUBMITTED');

    const handle = r.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false });
    // The trigger's synchronous part is the latch and its records: no pass has run, none pushed.
    expect(r.risk.control.mode).toBe('HALTED');
    const pushed = (): KillState[] =>
      r.events.flatMap((e) => (e.kind === 'killStateChanged' ? [e.payload] : []));
    expect(pushed()).toEqual([]);
    const done = await handle.done;

    const states = pushed();
    // One state a pass (the last one is the completion), in the order the passes ran.
    expect(states.map((s) => s.attempts)).toEqual(
      Array.from({ length: done.attempts }, (_, i) => i + 1),
    );
    expect(states.at(-1)).toEqual(done);
    const chasing = states.slice(0, -1);
    expect(chasing.length).toBeGreaterThan(5);
    for (const s of chasing) {
      expect(s.phase).toBe('reconciling');
      expect(s.unknownOutcomes).toMatchObject([
        { clientOrderId: order.clientOrderId, outcome: 'unresolved' },
      ]);
    }
    // Each pass says how much grace is left, as of that pass: it only goes down, to the end.
    const grace = chasing.map((s) => s.unknownOutcomes?.[0]?.graceLeftMs ?? -1);
    expect(grace[0]).toBeGreaterThan(25_000);
    expect(grace.every((g, i) => g >= 0 && (i === 0 || g < (grace[i - 1] ?? 0)))).toBe(true);
    expect(chasing.at(-1)?.unknownOutcomes?.[0]?.detail).toMatch(/grace ends in \d+ s$/);
    // Once found (or, here, never found) there is no grace to count: its fate is said instead.
    expect(done.unknownOutcomes?.[0]).toMatchObject({ outcome: 'never-found' });
    expect(done.unknownOutcomes?.[0]?.graceLeftMs).toBeUndefined();
    // Each progress of the running kill that names the chased order also comes without it (the
    // panel lists the order from the state above, so it shows that shorter text). The last
    // word, done, says each order's fate; the panel then shows the counts and the list only.
    const naming = r.events.flatMap((e) =>
      e.kind === 'killProgress' &&
      !e.payload.done &&
      e.payload.message.includes(order.clientOrderId)
        ? [e.payload]
        : [],
    );
    expect(naming.some((p) => p.step === 'retry')).toBe(true);
    for (const p of naming) {
      const brief = p.brief ?? '';
      expect(brief).not.toContain(order.clientOrderId);
      expect(brief).not.toContain('placement answer');
      expect(brief.length).toBeGreaterThan(0);
      expect(p.message.length).toBeGreaterThan(brief.length);
      if (p.step === 'retry')
        expect(brief).toMatch(/^venues not clean after attempt \d+; retrying in \d+ ms$/);
    }
  });
});
