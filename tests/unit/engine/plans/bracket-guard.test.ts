import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../src-main/engine/audit/audit-log';
import { Executor } from '../../../../src-main/engine/execution/executor';
import { PaperBroker } from '../../../../src-main/engine/execution/paper/paper-broker';
import { Ledger } from '../../../../src-main/engine/ledger/ledger';
import { guardPlanBrackets } from '../../../../src-main/engine/plans/bracket-guard';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { at, loadCandles } from '../../../support/execution-fixture';
import { FaultyBroker } from '../../../support/faulty-broker';
import { ManualClock } from '../../../support/manual-clock';

const BTC = loadCandles('binance_BTC-USDT_1m.csv');
const MIN = 60_000;

/** The paper venue on real 1m BTC/USDT bars, behind a venue that refuses every stop order. */
function setup(guarded: boolean) {
  const store = openVigilStore(':memory:');
  const clock = new ManualClock(at(BTC, 0).openTime);
  const audit = new AuditLog(store.db, clock);
  const ledger = new Ledger(store.db);
  const paper = new PaperBroker({ db: store.db, clock, startingBalance: '100000' });
  ledger.ensureBook('paper', 'USDT', '100000', clock.now());
  const broker = new FaultyBroker(paper);
  // Binance's answer to a stop the market has already passed (a live venue's own code).
  const wouldTrigger = { code: -2010, msg: 'Stop price would trigger immediately.' };
  broker.refuse = (r) => (r.type === 'stop-market' ? wouldTrigger : null);
  const exec = new Executor({ db: store.db, clock, audit, broker, ledger, sleep: async () => {} });
  exec.start();
  const errors: unknown[] = [];
  exec.observe({ error: (e) => errors.push(e) });
  const guard = guarded
    ? guardPlanBrackets({
        orderUpdates: (listener) => exec.observe({ order: listener }),
        executorFor: () => exec,
        audit,
        isPlanEntry: () => true,
        onError: (e) => errors.push(e),
      })
    : null;
  let bar = 0;
  const next = (): void => {
    const c = at(BTC, bar);
    clock.advance(c.openTime + MIN - clock.now());
    paper.onBar('BTC/USDT', c, '1m');
    bar += 1;
  };
  next();
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 4; i += 1) {
      await exec.idle();
      await guard?.idle();
    }
  };
  const position = (): string | undefined =>
    ledger.positions('paper').find((p) => p.symbol === 'BTC/USDT')?.qty;
  const audited = (kind: string): unknown[] =>
    (
      store.db.prepare('SELECT payload FROM audit_log WHERE kind = ? ORDER BY seq').all(kind) as {
        payload: string;
      }[]
    ).map((r) => JSON.parse(r.payload) as unknown);
  return { audited, exec, next, settle, position, errors };
}

const entry = {
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  qty: '0.01',
  bracket: { stopLoss: '5000', takeProfit: '9000' },
} as const;

describe("a plan's bracket is atomic", () => {
  it('closes the filled entry at market and cancels its target when the venue refuses the stop', async () => {
    const t = setup(true);
    const placed = await t.exec.place(entry, 'user:ui');
    t.next(); // the entry fills at this bar's open; its exits go out, the stop is refused
    await t.settle();
    const orders = t.exec.list(false);
    const legs = orders
      .filter((o) => o.parentClientOrderId === placed.clientOrderId)
      .sort((a, b) => (a.bracketRole ?? '').localeCompare(b.bracketRole ?? ''));
    expect(legs.map((o) => [o.bracketRole, o.state])).toEqual([
      ['stop-loss', 'REJECTED'],
      ['take-profit', 'CANCELED'],
    ]);
    expect(legs[0]?.reason).toContain('Stop price would trigger immediately.');
    const close = orders.find((o) => o.placedBy === 'system:plan-unwind');
    expect(close).toMatchObject({ side: 'sell', qty: '0.01', reduceOnly: true });
    t.next(); // the close fills at the next bar
    await t.settle();
    expect(t.position()).toBe('0');
    const unwound = t.audited('plan.bracket_unwound');
    expect(unwound).toHaveLength(1);
    expect(unwound[0]).toMatchObject({
      entry: placed.clientOrderId,
      canceled: [legs[1]?.clientOrderId],
    });
    expect(t.errors).toEqual([]);
  });

  it('without the guard the same refusal leaves a naked position (what the guard prevents)', async () => {
    const t = setup(false);
    await t.exec.place(entry, 'user:ui');
    t.next();
    await t.settle();
    t.next();
    await t.settle();
    expect(t.position()).toBe('0.01');
  });
});
