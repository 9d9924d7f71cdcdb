import { afterEach, describe, expect, it } from 'vitest';
import type { OrderView } from '../../../src-shared/domain/order';
import { startReplayHost, type ReplayHost } from '../../support/replay-host';
import { useTempDirs } from '../../support/temp-dir';
import { resetToMarginAccount } from '../../support/margin-account';

// Stop management on the bundled replay through the running host: the ETH/USDT 4h short at the
// replay's start (2018-05-18 22:00 UTC, last price 688.69), sent as a plan, then bars closed
// one at a time.

const tempDir = useTempDirs();
const hosts: ReplayHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.stop();
});

async function marginHost(): Promise<ReplayHost> {
  const h = await startReplayHost(tempDir());
  hosts.push(h);
  await resetToMarginAccount(h.host.client, 'stop management test');
  return h;
}

async function step(h: ReplayHost, until: () => Promise<boolean>, max = 400): Promise<void> {
  const feed = h.replay();
  for (let i = 0; i < max && !feed.state().finished && !(await until()); i += 1) {
    feed.step();
    await h.engine.pipeline?.drained();
    await h.engine.execution.executor.idle();
    await h.engine.stops.idle();
    await h.engine.execution.executor.idle();
  }
}

function moves(h: ReplayHost): Array<Record<string, unknown>> {
  return (
    h.engine.store.db
      .prepare("SELECT actor, payload FROM audit_log WHERE kind = 'plan.stop_moved' ORDER BY seq")
      .all() as { payload: string }[]
  ).map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

const working = (orders: readonly OrderView[], parent: string, role: string): OrderView[] =>
  orders.filter(
    (o) =>
      o.parentClientOrderId === parent &&
      o.bracketRole === role &&
      ['OPEN', 'SUBMITTED', 'PARTIALLY_FILLED'].includes(o.state),
  );

describe("a plan's stop management", () => {
  it('trails the stop by N x ATR on bar closes, only towards the price, as audited amendments', async () => {
    const h = await marginHost();
    const call = h.host.client.call;
    const plan = await call('proposePlan', {
      symbol: 'ETH/USDT',
      timeframe: '4h',
      management: { trailAtr: 1 },
    });
    expect(plan.management).toMatchObject({ breakEven: false, trailAtr: 1 });
    const { entries } = await call('sendPlan', { planId: plan.planId });
    const entry = entries[0]?.clientOrderId ?? '';
    await step(h, async () => moves(h).length >= 2);
    const moved = moves(h);
    expect(moved.length).toBeGreaterThanOrEqual(2);
    // A short's stop only ever comes down, and stays above the close it trails.
    let last = Number(plan.stop);
    for (const m of moved) {
      expect(m).toMatchObject({ planId: plan.planId, entry });
      expect(Number(m.to)).toBeLessThan(last);
      last = Number(m.to);
    }
    const orders = (await call('listOrders', { open: false, limit: 500 })).orders;
    const stops = working(orders, entry, 'stop-loss');
    expect(stops.map((o) => o.stopPrice)).toEqual([String(last)]);
    // Its target came back with it, the pair still one-cancels-other, under the same entry.
    const targets = working(orders, entry, 'take-profit');
    expect(targets.map((o) => o.price)).toEqual([plan.targets[0]?.price]);
    expect(targets[0]?.ocoGroup).toBe(stops[0]?.ocoGroup);
    expect(
      orders.filter((o) => o.placedBy === 'system:stop-manager' && o.state === 'REJECTED'),
    ).toEqual([]);
    expect(h.errors).toEqual([]);
  }, 120_000);

  it('moves the second target’s stop to the entry once the first target fills', async () => {
    const h = await marginHost();
    const call = h.host.client.call;
    // A near first target (a third of an ATR) and a far second one (four ATRs).
    const first = await call('proposePlan', { symbol: 'ETH/USDT', timeframe: '4h' });
    const near = (Number(first.entry) - 0.3 * first.management.atr).toFixed(2);
    const plan = await call('proposePlan', {
      symbol: 'ETH/USDT',
      timeframe: '4h',
      targets: [near, (Number(first.entry) - 4 * first.management.atr).toFixed(2)],
      management: { breakEven: true },
    });
    expect(plan.refusal).toBeNull();
    const { entries } = await call('sendPlan', { planId: plan.planId });
    const [leg1, leg2] = entries.map((e) => e.clientOrderId);
    const tp1Filled = async (): Promise<boolean> =>
      (await call('listOrders', { open: false, limit: 500 })).orders.some(
        (o) =>
          o.parentClientOrderId === leg1 && o.bracketRole === 'take-profit' && o.state === 'FILLED',
      );
    await step(h, async () => (await tp1Filled()) && moves(h).length > 0);
    expect(await tp1Filled()).toBe(true);
    expect(moves(h)).toEqual([
      expect.objectContaining({ entry: leg2, to: plan.entry, why: 'break-even after target 1' }),
    ]);
    const orders = (await call('listOrders', { open: false, limit: 500 })).orders;
    expect(working(orders, leg2 ?? '', 'stop-loss').map((o) => o.stopPrice)).toEqual([plan.entry]);
    expect(h.errors).toEqual([]);
  }, 120_000);
});
