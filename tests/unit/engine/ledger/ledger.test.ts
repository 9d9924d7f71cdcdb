import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookId } from '../../../../src-shared/domain/order';
import type { LedgerFillInput } from '../../../../src-main/engine/ledger/ledger-types';
import { Ledger } from '../../../../src-main/engine/ledger/ledger';
import { moneyOf, qtyOf } from '../../../../src-main/engine/ledger/money';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { at } from '../../../support/execution-fixture';

const T0 = 1_700_000_000_000;

function fresh(start = '10000'): Ledger {
  const store = openVigilStore(':memory:');
  const ledger = new Ledger(store.db);
  ledger.ensureBook('paper', 'USDT', start, T0);
  return ledger;
}

let seq = 0;
function fill(
  part: Partial<LedgerFillInput> & Pick<LedgerFillInput, 'side' | 'qty' | 'price'>,
): LedgerFillInput {
  seq += 1;
  return {
    bookId: 'paper',
    fillId: `F${seq}`,
    clientOrderId: 'vgptest00000001',
    symbol: 'BTC/USDT',
    fee: '0',
    feeAsset: 'USDT',
    liquidity: 'taker',
    at: T0 + seq,
    ...part,
  };
}

/** cash + sum(position cost) - (starting + realized - fees): must be exactly zero. */
function identityGap(ledger: Ledger, bookId: BookId = 'paper'): bigint {
  const b = ledger.book(bookId);
  if (b === null) throw new Error(`no book ${bookId}`);
  return (
    moneyOf(b.cash, 'cash') +
    moneyOf(b.positionsCost, 'cost') -
    (moneyOf(b.startingBalance, 'start') +
      moneyOf(b.realizedPnl, 'realized') -
      moneyOf(b.fees, 'fees'))
  );
}

describe('ledger', () => {
  it('realizes PnL FIFO and keeps weighted-average entry of what is left', () => {
    const l = fresh();
    l.recordFill(fill({ side: 'buy', qty: '1', price: '100' }));
    l.recordFill(fill({ side: 'buy', qty: '1', price: '200' }));
    expect(l.positions('paper')[0]).toMatchObject({ qty: '2', avgEntryPrice: '150', cost: '300' });
    const { fill: f } = l.recordFill(fill({ side: 'sell', qty: '1.5', price: '300' }));
    // FIFO: 1 @100 then 0.5 @200 -> (300-100)*1 + (300-200)*0.5 = 250
    expect(f.realizedPnl).toBe('250');
    expect(l.positions('paper')[0]).toMatchObject({
      qty: '0.5',
      avgEntryPrice: '200',
      cost: '100',
      realizedPnl: '250',
    });
    expect(l.openLots('paper').map((x) => [x.openPrice, x.qtyRemaining])).toEqual([['200', '0.5']]);
    expect(l.lotCloses('paper').map((c) => [c.openPrice, c.qty, c.realizedPnl])).toEqual([
      ['100', '1', '200'],
      ['200', '0.5', '50'],
    ]);
    expect(identityGap(l)).toBe(0n);
  });

  it('handles shorts and flips through zero', () => {
    const l = fresh();
    l.recordFill(fill({ side: 'sell', qty: '2', price: '50', fee: '0.1' }));
    expect(l.positions('paper')[0]).toMatchObject({ qty: '-2', cost: '-100', avgEntryPrice: '50' });
    l.recordFill(fill({ side: 'buy', qty: '3', price: '40', fee: '0.12' }));
    // closes the short at a 20 profit, then opens 1 long at 40
    expect(l.positions('paper')[0]).toMatchObject({
      qty: '1',
      cost: '40',
      realizedPnl: '20',
      fees: '0.22',
    });
    expect(l.book('paper')).toMatchObject({ cash: '9979.78', realizedPnl: '20', fees: '0.22' });
    expect(identityGap(l)).toBe(0n);
  });

  it('counts a fee charged in the base asset in both its asset and in quote', () => {
    const l = fresh();
    const { fill: f } = l.recordFill(
      fill({ side: 'buy', qty: '1', price: '200', fee: '0.001', feeAsset: 'BTC' }),
    );
    expect(f).toMatchObject({ fee: '0.001', feeAsset: 'BTC', feeQuote: '0.2' });
    expect(l.positions('paper')[0]).toMatchObject({ qty: '0.999', cost: '199.8' });
    expect(l.book('paper')).toMatchObject({ cash: '9800', fees: '0.2' });
    expect(identityGap(l)).toBe(0n);
  });

  it('refuses a fee in a third asset rather than guessing its value', () => {
    const l = fresh();
    expect(() =>
      l.recordFill(fill({ side: 'buy', qty: '1', price: '1', fee: '0.01', feeAsset: 'BNB' })),
    ).toThrow('fee in BNB is neither base nor quote of BTC/USDT');
  });

  it('records a fill id once; a replay changes nothing', () => {
    const l = fresh();
    const f = fill({ side: 'buy', qty: '0.5', price: '6400.12', fee: '3.20006' });
    expect(l.recordFill(f).duplicate).toBe(false);
    const before = l.book('paper');
    expect(l.recordFill(f).duplicate).toBe(true);
    expect(l.book('paper')).toEqual(before);
    expect(l.fills('paper')).toHaveLength(1);
  });

  it('keeps paper and live books strictly apart', () => {
    const l = fresh();
    l.ensureBook('live:binance', 'USDT', '500', T0);
    l.recordFill(fill({ side: 'buy', qty: '1', price: '10' }));
    l.recordFill(fill({ bookId: 'live:binance', side: 'buy', qty: '2', price: '10' }));
    expect(l.positions('paper').map((p) => p.qty)).toEqual(['1']);
    expect(l.positions('live:binance').map((p) => p.qty)).toEqual(['2']);
    expect(l.book('live:binance')?.cash).toBe('480');
    expect(l.fills('paper').every((f) => f.bookId === 'paper')).toBe(true);
    expect(l.equitySamples('live:binance').every((s) => s.bookId === 'live:binance')).toBe(true);
  });

  it('samples equity on every fill and bar close, valuing positions at the mark', () => {
    const l = fresh('1000');
    l.recordFill(fill({ side: 'buy', qty: '2', price: '100', fee: '0.2', at: T0 + 1 }));
    l.markBar('paper', 'BTC/USDT', '110', T0 + 60_000);
    l.markBar('paper', 'BTC/USDT', '110', T0 + 60_000); // the same bar again: one sample
    const samples = l.equitySamples('paper');
    expect(samples.map((s) => [s.cause, s.equity, s.unrealizedPnl])).toEqual([
      ['fill', '999.8', '0'],
      ['bar', '1019.8', '20'],
    ]);
    expect(l.positions('paper')[0]).toMatchObject({ markPrice: '110', unrealizedPnl: '20' });
  });

  it('a first fill marks its position at the fill price; its own sample values it at cost', () => {
    const l = fresh('1000');
    l.recordFill(fill({ side: 'buy', qty: '2', price: '100', fee: '0.2', at: T0 + 1 }));
    // No bar has closed: the fill is the only price seen, and a real one.
    expect(l.positions('paper')[0]).toMatchObject({ markPrice: '100', unrealizedPnl: '0' });
    expect(l.equitySamples('paper').map((s) => [s.cause, s.equity])).toEqual([['fill', '999.8']]);
  });

  it("a later fill moves the mark after its own sample (valued at the market's mark before it)", () => {
    const l = fresh('1000');
    l.markBar('paper', 'BTC/USDT', '100', T0);
    l.recordFill(fill({ side: 'buy', qty: '1', price: '102', at: T0 + 1 }));
    // The fill's sample: the position at the market's 100, what crossing it cost shows.
    expect(l.equitySamples('paper').at(-1)).toMatchObject({ cause: 'fill', equity: '998' });
    // From then on the fill's price is the mark, until a newer price.
    expect(l.positions('paper')[0]).toMatchObject({ markPrice: '102', unrealizedPnl: '0' });
  });

  it('a fill older than the mark held does not move it', () => {
    const l = fresh('1000');
    l.markBar('paper', 'BTC/USDT', '110', T0 + 60_000);
    l.recordFill(fill({ side: 'buy', qty: '1', price: '100', at: T0 + 1 }));
    expect(l.positions('paper')[0]).toMatchObject({ markPrice: '110', unrealizedPnl: '10' });
  });

  it('an observed price moves the mark only forward in time, and samples no equity', () => {
    const l = fresh('1000');
    l.recordFill(fill({ side: 'buy', qty: '1', price: '100', at: T0 + 10 }));
    const samples = l.equitySamples('paper').length;
    expect(l.markObserved('paper', 'BTC/USDT', '101.5', T0 + 20)).toBe(true);
    expect(l.positions('paper')[0]).toMatchObject({ markPrice: '101.5', unrealizedPnl: '1.5' });
    // Older, or of the same instant: the mark held stays.
    expect(l.markObserved('paper', 'BTC/USDT', '90', T0 + 15)).toBe(false);
    expect(l.markObserved('paper', 'BTC/USDT', '90', T0 + 20)).toBe(false);
    expect(l.positions('paper')[0]?.markPrice).toBe('101.5');
    expect(l.equitySamples('paper')).toHaveLength(samples);
    expect(() => l.markObserved('paper', 'BTC/USDT', '0', T0 + 30)).toThrow(
      'observed price of BTC/USDT must be positive',
    );
  });

  it("a bar close marks the past again (a rewound replay); a live book's keeps a newer trade", () => {
    const l = fresh('1000');
    l.ensureBook('live:binance', 'USDT', '1000', T0);
    for (const bookId of ['paper', 'live:binance'] as const) {
      l.recordFill(fill({ bookId, side: 'buy', qty: '1', price: '100', at: T0 + 1 }));
      l.markObserved(bookId, 'BTC/USDT', '105', T0 + 61_000);
    }
    l.markBar('paper', 'BTC/USDT', '103', T0 + 60_000);
    l.markBar('live:binance', 'BTC/USDT', '103', T0 + 60_000, { forward: true });
    expect(l.positions('paper')[0]?.markPrice).toBe('103');
    expect(l.positions('live:binance')[0]?.markPrice).toBe('105');
    // The live book's bar sample is still taken, at its latest mark.
    expect(l.equitySamples('live:binance').at(-1)).toMatchObject({ cause: 'bar', equity: '1005' });
  });

  it('property: identity is exact, position = sum of fills, no fill counted twice', () => {
    const fillArb = fc.record({
      buy: fc.boolean(),
      qtyUnits: fc.integer({ min: 1, max: 5_000_000 }), // 0.00001 .. 50 BTC
      priceCents: fc.integer({ min: 1, max: 10_000_000 }), // 0.01 .. 100000
      feeUnits: fc.integer({ min: 0, max: 100_000_000 }), // 0 .. 1 at 8 decimals
      baseFee: fc.boolean(),
      replay: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fillArb, { minLength: 1, maxLength: 40 }), (steps) => {
        const l = fresh('100000');
        let expectedQty = 0n;
        const ids: string[] = [];
        for (const s of steps) {
          const qty = (s.qtyUnits / 100_000).toFixed(5);
          const price = (s.priceCents / 100).toFixed(2);
          // A base fee is at most a fraction of the fill (as venues charge it).
          const feeBase = ((s.qtyUnits * (s.feeUnits % 1000)) / 100_000 / 1_000_000).toFixed(11);
          const f = fill({
            side: s.buy ? 'buy' : 'sell',
            qty,
            price,
            fee: s.baseFee ? feeBase : (s.feeUnits / 1e8).toFixed(8),
            feeAsset: s.baseFee ? 'BTC' : 'USDT',
          });
          ids.push(f.fillId);
          l.recordFill(f);
          const signed = qtyOf(qty, 'q') * (s.buy ? 1n : -1n);
          expectedQty += signed - (s.baseFee ? qtyOf(feeBase, 'fee') : 0n);
          if (s.replay) expect(l.recordFill(f).duplicate).toBe(true);
          expect(identityGap(l)).toBe(0n);
        }
        const pos = at(l.positions('paper'), 0);
        expect(qtyOf(pos.qty, 'pos')).toBe(expectedQty);
        const lots = l.openLots('paper');
        const lotQty = lots.reduce(
          (a, x) => a + qtyOf(x.qtyRemaining, 'lot') * (x.direction === 'long' ? 1n : -1n),
          0n,
        );
        expect(lotQty).toBe(expectedQty);
        // all lots on one side of zero
        expect(new Set(lots.map((x) => x.direction)).size).toBeLessThanOrEqual(1);
        expect(l.fills('paper').map((f) => f.fillId)).toEqual(ids);
      }),
      { numRuns: 150 },
    );
  });
});
