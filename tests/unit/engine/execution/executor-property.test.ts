import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrderState } from '../../../../src-shared/domain/order';
import { AuditLog } from '../../../../src-main/engine/audit/audit-log';
import { Executor } from '../../../../src-main/engine/execution/executor';
import { isLegalTransition } from '../../../../src-main/engine/execution/order-state';
import { PaperBroker } from '../../../../src-main/engine/execution/paper/paper-broker';
import { Ledger } from '../../../../src-main/engine/ledger/ledger';
import { moneyOf, qtyOf } from '../../../../src-main/engine/ledger/money';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { at, loadCandles } from '../../../support/execution-fixture';
import { FaultyBroker, type SubmitFault } from '../../../support/faulty-broker';
import { ManualClock } from '../../../support/manual-clock';

const BTC = loadCandles('binance_BTC-USDT_1m.csv');
const MIN = 60_000;

type Op =
  | { kind: 'market'; buy: boolean; units: number; fault: SubmitFault }
  | {
      kind: 'limit';
      buy: boolean;
      units: number;
      offsetBps: number;
      ioc: boolean;
      fault: SubmitFault;
    }
  | { kind: 'stop'; units: number; offsetBps: number }
  | { kind: 'bracket'; units: number; widthBps: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'cancelAll' }
  | { kind: 'bar' }
  | { kind: 'deaf'; on: boolean }
  | { kind: 'reconcile' };

const fault = fc.constantFrom<SubmitFault>(
  'none',
  'none',
  'none',
  'lost-reply',
  'lost-request',
  'not-sent',
);
const units = fc.integer({ min: 100, max: 3000 }); // 0.001 .. 0.03 BTC
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('market' as const), buy: fc.boolean(), units, fault }),
  fc.record({
    kind: fc.constant('limit' as const),
    buy: fc.boolean(),
    units,
    offsetBps: fc.integer({ min: -20, max: 20 }),
    ioc: fc.boolean(),
    fault,
  }),
  fc.record({
    kind: fc.constant('stop' as const),
    units,
    offsetBps: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({
    kind: fc.constant('bracket' as const),
    units,
    widthBps: fc.integer({ min: 3, max: 40 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.constant({ kind: 'cancelAll' as const }),
  fc.constant({ kind: 'bar' as const }),
  fc.constant({ kind: 'bar' as const }),
  fc.constant({ kind: 'bar' as const }),
  fc.record({ kind: fc.constant('deaf' as const), on: fc.boolean() }),
  fc.constant({ kind: 'reconcile' as const }),
);

describe('executor properties over random order flows on real bars', () => {
  it('legal edges only, no fill lost or counted twice, books equal the venue', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 5, maxLength: 40 }),
        fc.nat({ max: 900 }),
        async (ops, startBar) => {
          const store = openVigilStore(':memory:');
          const clock = new ManualClock(at(BTC, startBar).openTime);
          const audit = new AuditLog(store.db, clock);
          const ledger = new Ledger(store.db);
          const paper = new PaperBroker({ db: store.db, clock, startingBalance: '50000' });
          ledger.ensureBook('paper', 'USDT', '50000', clock.now());
          const broker = new FaultyBroker(paper);
          const exec = new Executor({
            db: store.db,
            clock,
            audit,
            broker,
            ledger,
            sleep: async () => {},
            random: () => 0.5,
          });
          exec.start();
          exec.observe({ error: () => {} }); // unclear venue answers are expected here
          let bar = startBar;
          const feed = (): void => {
            const c = at(BTC, bar);
            clock.advance(c.openTime + MIN - clock.now());
            paper.onBar('BTC/USDT', c, '1m');
            bar = Math.min(bar + 1, BTC.length - 1);
          };
          feed();
          const px = (bps: number): string =>
            (Math.round(at(BTC, bar - 1).close * 100 * (1 + bps / 10_000)) / 100).toFixed(2);
          const q = (u: number): string => (u / 100_000).toFixed(5);
          for (const op of ops) {
            switch (op.kind) {
              case 'market':
                broker.submitFaults.push(op.fault);
                await exec.place(
                  {
                    symbol: 'BTC/USDT',
                    side: op.buy ? 'buy' : 'sell',
                    type: 'market',
                    qty: q(op.units),
                  },
                  'p',
                );
                break;
              case 'limit':
                broker.submitFaults.push(op.fault);
                await exec.place(
                  {
                    symbol: 'BTC/USDT',
                    side: op.buy ? 'buy' : 'sell',
                    type: 'limit',
                    price: px(op.buy ? -op.offsetBps : op.offsetBps),
                    qty: q(op.units),
                    timeInForce: op.ioc ? 'IOC' : 'GTC',
                  },
                  'p',
                );
                break;
              case 'stop':
                await exec.place(
                  {
                    symbol: 'BTC/USDT',
                    side: 'buy',
                    type: 'stop-market',
                    stopPrice: px(op.offsetBps),
                    qty: q(op.units),
                  },
                  'p',
                );
                break;
              case 'bracket':
                await exec.place(
                  {
                    symbol: 'BTC/USDT',
                    side: 'buy',
                    type: 'market',
                    qty: q(op.units),
                    bracket: { stopLoss: px(-op.widthBps), takeProfit: px(op.widthBps) },
                  },
                  'p',
                );
                break;
              case 'cancel': {
                const open = exec.list(true).filter((o) => o.state !== 'INTENT');
                const victim = open[op.pick % Math.max(open.length, 1)];
                if (victim !== undefined) await exec.cancel(victim.clientOrderId, 'p');
                break;
              }
              case 'cancelAll':
                await exec.cancelAll('p');
                break;
              case 'bar':
                feed();
                break;
              case 'deaf':
                broker.dropEvents = op.on;
                break;
              case 'reconcile':
                await exec.reconcile('p');
                break;
            }
            await exec.idle();
          }
          // Hear again, let the grace period pass, reconcile: everything must line up.
          broker.dropEvents = false;
          clock.advance(60_000);
          await exec.reconcile('p');
          await exec.idle();

          const db = store.db;
          const edges = db
            .prepare('SELECT from_state, to_state FROM exec_transitions')
            .all() as Array<{ from_state: OrderState; to_state: OrderState }>;
          for (const e of edges)
            expect(
              isLegalTransition(e.from_state, e.to_state),
              `${e.from_state}->${e.to_state}`,
            ).toBe(true);

          const dup = db
            .prepare(
              "SELECT client_order_id FROM paper_requests WHERE kind = 'submit' GROUP BY client_order_id HAVING COUNT(*) > 1",
            )
            .all();
          expect(dup).toEqual([]);

          const venueFills = db
            .prepare("SELECT 'T' || seq AS id FROM paper_fills ORDER BY seq")
            .all() as Array<{ id: string }>;
          // Same fills, each once (a fill recovered late is booked late, so compare as sets).
          const booked = ledger.fills('paper').map((f) => f.fillId);
          expect(new Set(booked).size).toBe(booked.length);
          expect([...booked].sort()).toEqual(venueFills.map((f) => f.id).sort());

          for (const o of exec.list(false, 10_000)) {
            const sum = ledger
              .fillsOfOrder('paper', o.clientOrderId)
              .reduce((a, f) => a + qtyOf(f.qty, 'q'), 0n);
            expect(qtyOf(o.filledQty, 'filled')).toBe(sum);
            const venue = await paper.fetchOrder(o.clientOrderId);
            if (venue !== null && o.state !== 'CANCEL_PENDING') expect(o.state).toBe(venue.status);
          }
          const signed = ledger
            .fills('paper')
            .reduce((a, f) => a + qtyOf(f.qty, 'q') * (f.side === 'buy' ? 1n : -1n), 0n);
          const pos = ledger.positions('paper')[0];
          expect(qtyOf(pos?.qty ?? '0', 'pos')).toBe(signed);
          const venuePos = (await paper.positions())[0];
          expect(qtyOf(venuePos?.qty ?? '0', 'venue')).toBe(signed);

          const book = ledger.book('paper');
          if (book === null) throw new Error('no book');
          const venueCash = (
            db.prepare("SELECT cash FROM paper_balances WHERE asset = 'USDT'").get() as {
              cash: string;
            }
          ).cash;
          expect(moneyOf(book.cash, 'c')).toBe(moneyOf(venueCash, 'v'));
          expect(moneyOf(book.cash, 'c') + moneyOf(book.positionsCost, 'p')).toBe(
            moneyOf(book.startingBalance, 's') +
              moneyOf(book.realizedPnl, 'r') -
              moneyOf(book.fees, 'f'),
          );
          store.close();
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
