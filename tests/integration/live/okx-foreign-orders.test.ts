import { describe, expect, it } from 'vitest';
import { LiveBook } from '../../../src-main/engine/execution/live/live-book';
import { placeOnOkxWebsite, startOkxRig, type OkxRig } from '../../support/okx-broker-rig';
import { stopAfterEach } from '../../support/stop-after-each';

const keep = stopAfterEach<OkxRig>();

describe('orders at OKX that Vigil did not place (its website, another tool)', () => {
  it('block new entries until each is adopted or cancelled, resting stops included', async () => {
    const t = keep(await startOkxRig());
    t.server.account.spot.deposit('BTC', '1');
    const errors: unknown[] = [];
    const book = new LiveBook({
      db: t.store.db,
      audit: t.audit,
      clock: t.clock,
      scheduler: t.clock,
      broker: t.broker,
      executor: t.executor,
      reconcileMs: 10_000,
      onError: (e) => errors.push(e),
    });
    await book.start();
    expect(book.entryRefusal()).toBeNull();
    // Placed on OKX's website: no clOrdId, and a stop as an algo order.
    const { order: web, stop: webStop } = placeOnOkxWebsite(t.server);
    // The periodic pass finds both, each under OKX's own id.
    t.clock.advance(10_000);
    await book.reconcile();
    expect(
      book
        .foreignOrders()
        .map((o) => o.clientOrderId)
        .sort(),
    ).toEqual([`okx-algoId:${webStop.algoId}`, `okx-ordId:${web.orderId}`]);
    expect(book.entryRefusal()).toContain('okx shows 2 open order(s) Vigil did not place');
    await book.resolveForeign(`okx-algoId:${webStop.algoId}`, 'cancel', 'user:test');
    expect(webStop.state).toBe('canceled');
    expect(book.entryRefusal()).toContain('okx shows 1 open order(s)');
    await book.resolveForeign(`okx-ordId:${web.orderId}`, 'adopt', 'user:test');
    expect(book.entryRefusal()).toBeNull();
    // Adopted: it stays at OKX, known and audited.
    expect(web.status).toBe('NEW');
    const kinds = (
      t.store.db
        .prepare("SELECT kind FROM audit_log WHERE kind LIKE 'live.foreign%'")
        .all() as Array<{
        kind: string;
      }>
    ).map((r) => r.kind);
    expect(kinds).toEqual([
      'live.foreign_order',
      'live.foreign_order',
      'live.foreign_canceled',
      'live.foreign_adopted',
    ]);
    await book.stop();
    expect(errors).toEqual([]);
  });
});
