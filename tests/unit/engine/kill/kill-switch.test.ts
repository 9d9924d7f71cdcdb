import { describe, expect, it } from 'vitest';
import { RearmRefusedError } from '../../../../src-main/engine/kill/kill-switch';
import { FakeVenue, populate } from '../../../support/fake-venue';
import { riskHarness } from '../../../support/risk-harness';
import { entry } from '../../../support/risk-context';

const book = { equity: 10_000, positions: [], workingEntries: [], lastLossAt: null };

describe('kill switch', () => {
  it('latches HALTED before trigger() returns, and refuses every new order from then on', () => {
    const venue = new FakeVenue('paper');
    const h = riskHarness([venue]);
    const handle = h.risk.triggerKill({ actor: 'user:test', reason: 'test', flatten: false });
    // Nothing has been awaited yet: the latch is already there.
    expect(h.risk.control.mode).toBe('HALTED');
    expect(h.risk.guard.check(entry(), book)).toMatchObject({ ok: false, rule: 'control-mode' });
    expect(h.risk.guard.check(entry({ source: 'kill' }), book).ok).toBe(true);
    expect(h.auditKinds()).toEqual(['control.mode_changed', 'kill.triggered', 'risk.rejected']);
    return handle.done;
  });

  it('cancels every order on every venue concurrently and reports progress', async () => {
    const a = new FakeVenue('paper');
    const b = new FakeVenue('binance');
    populate(a, 60, 6);
    populate(b, 40, 4);
    const h = riskHarness([a, b]);
    const state = await h.risk.triggerKill({ actor: 'user:test', reason: 'drill', flatten: false })
      .done;
    expect(a.orders.size + b.orders.size).toBe(0);
    expect(a.held.size + b.held.size).toBe(10); // no flatten asked
    expect(state).toMatchObject({ phase: 'done', attempts: 1, flatten: false });
    const progress = h.events.filter((e) => e.kind === 'killProgress').map((e) => e.payload);
    expect(progress.at(0)).toMatchObject({ step: 'latched' });
    expect(progress.at(-1)).toMatchObject({ step: 'done', done: true, openOrders: 0 });
    expect(h.auditRows('kill.completed')[0]?.payload).toMatchObject({
      openOrders: 0,
      controlMode: 'HALTED',
    });
  });

  it('flattens with closing orders after cancelling, until flat', async () => {
    const venue = new FakeVenue('paper');
    populate(venue, 100, 10);
    const h = riskHarness([venue]);
    await h.risk.triggerKill({ actor: 'user:test', reason: 'flatten', flatten: true }).done;
    expect(venue.orders.size).toBe(0);
    expect(venue.held.size).toBe(0);
    expect(venue.closeIds).toHaveLength(10);
    expect(venue.closeIds[0]).toMatch(/^kill-[0-9a-f]{8}-1-S\dUSDT$/);
  });

  it('retries failures with exponential backoff until the venue is clean', async () => {
    const venue = new FakeVenue('paper');
    populate(venue, 20, 2);
    venue.failCancels = 45; // two full passes fail, the third partly
    venue.failLists = 1;
    const h = riskHarness([venue]);
    const state = await h.risk.triggerKill({
      actor: 'user:test',
      reason: 'flaky venue',
      flatten: false,
    }).done;
    expect(venue.orders.size).toBe(0);
    expect(state.attempts).toBeGreaterThan(2);
    expect(h.sleep.waits).toEqual([250, 500, 1000, 2000].slice(0, h.sleep.waits.length));
    expect(h.events.some((e) => e.kind === 'killProgress' && e.payload.step === 'retry')).toBe(
      true,
    );
    expect(h.auditRows('kill.step').some((r) => (r.payload['cancelFailed'] as number) > 0)).toBe(
      true,
    );
  });

  it('catches an order that reached the venue after the first sweep (reconcile)', async () => {
    const venue = new FakeVenue('paper');
    populate(venue, 5, 1);
    const h = riskHarness([venue]);
    const handle = h.risk.triggerKill({ actor: 'user:test', reason: 'race', flatten: false });
    // An order sent before the latch lands late at the venue.
    setImmediate(() =>
      setImmediate(() =>
        venue.place({ id: 'late', symbol: 'X/USDT', side: 'buy', qty: 1, type: 'limit' }),
      ),
    );
    await handle.done;
    expect(venue.orders.size).toBe(0);
  });

  it('a second trigger joins the running kill and may upgrade it to flatten', async () => {
    const venue = new FakeVenue('paper');
    populate(venue, 10, 2);
    venue.failCancels = 10;
    const h = riskHarness([venue]);
    const first = h.risk.triggerKill({ actor: 'user:ui', reason: 'first', flatten: false });
    const second = h.risk.triggerKill({ actor: 'user:cli', reason: 'second', flatten: true });
    expect(second.killId).toBe(first.killId);
    await first.done;
    expect(venue.held.size).toBe(0);
  });

  it('rearm is refused while the venue shows open orders, then allowed, and audited', async () => {
    const venue = new FakeVenue('paper');
    const h = riskHarness([venue]);
    await h.risk.triggerKill({ actor: 'user:test', reason: 'x', flatten: false }).done;
    venue.place({ id: 'stray', symbol: 'A/USDT', side: 'buy', qty: 1, type: 'limit' });
    await expect(h.risk.kill.rearm('user:test', 'try')).rejects.toThrow(RearmRefusedError);
    await expect(h.risk.kill.rearm('user:test', 'try')).rejects.toThrow('paper 1');
    venue.orders.clear();
    const state = await h.risk.kill.rearm('user:test', 'all clear');
    expect(state).toMatchObject({ mode: 'RUNNING', actor: 'user:test', reason: 'all clear' });
    expect(h.auditKinds().filter((k) => k.startsWith('kill.rearm'))).toEqual([
      'kill.rearm_refused',
      'kill.rearm_refused',
      'kill.rearmed',
    ]);
  });

  it('rearm is refused when a venue cannot be asked, and when not HALTED', async () => {
    const venue = new FakeVenue('paper');
    const h = riskHarness([venue]);
    await expect(h.risk.kill.rearm('user:test', 'x')).rejects.toThrow('not HALTED');
    await h.risk.triggerKill({ actor: 'user:test', reason: 'x', flatten: false }).done;
    venue.failLists = 1;
    await expect(h.risk.kill.rearm('user:test', 'x')).rejects.toThrow('cannot verify paper');
    expect(h.risk.control.mode).toBe('HALTED');
  });

  it('HALTED and an unfinished flatten survive a restart, which finishes the flatten', async () => {
    const venue = new FakeVenue('paper');
    populate(venue, 30, 3);
    venue.hangCloses = true;
    const h = riskHarness([venue]);
    const handle = h.risk.triggerKill({ actor: 'user:test', reason: 'crash drill', flatten: true });
    void handle.done;
    // Let the cancel pass run; the closes hang as if the process died mid-flatten.
    for (let i = 0; i < 50 && venue.closeIds.length < 3; i += 1)
      await new Promise((r) => setImmediate(r));
    expect(venue.closeIds).toHaveLength(3);
    expect(h.risk.kill.current).toMatchObject({ phase: 'flattening', flatten: true });

    venue.hangCloses = false;
    const restarted = h.restart([venue]);
    expect(restarted.control.mode).toBe('HALTED');
    const resumed = restarted.kill.resumeIfUnfinished();
    expect(resumed).not.toBeNull();
    const state = await resumed;
    expect(state).toMatchObject({ phase: 'done', flatten: true });
    expect(venue.held.size).toBe(0);
    expect(venue.orders.size).toBe(0);
    expect(h.auditKinds()).toContain('kill.resumed');
    // And a further restart has nothing left to do, but stays HALTED.
    const again = h.restart([venue]);
    expect(again.kill.resumeIfUnfinished()).toBeNull();
    expect(again.control.mode).toBe('HALTED');
  });
});
