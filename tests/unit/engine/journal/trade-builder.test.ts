import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerFillInput } from '../../../../src-main/engine/ledger/ledger-types';
import { Ledger } from '../../../../src-main/engine/ledger/ledger';
import { moneyOf, moneyText, priceText, qtyText } from '../../../../src-main/engine/ledger/money';
import { initialRiskFor, rMultipleOf } from '../../../../src-main/engine/journal/initial-risk';
import { JournalStore } from '../../../../src-main/engine/journal/journal-store';
import { averagePriceOf, buildTrades } from '../../../../src-main/engine/journal/trade-builder';
import { openVigilStore } from '../../../../src-main/engine/schema';

// Prices are real Binance BTC/USDT 1h closes of 2018-05-08 (06:00-09:00 UTC: 9340, 9370,
// 9398.95, 9310; low of the first bar 9305) from ../shared/data/candles. The fill sequences are
// made by hand: they are the shapes (partial closes, a flip, a base-asset fee) under test.

const T0 = 1_525_759_200_000;
const HOUR = 3_600_000;

function book(): { ledger: Ledger; store: JournalStore } {
  const db = openVigilStore(':memory:').db;
  const ledger = new Ledger(db);
  ledger.ensureBook('paper', 'USDT', '100000', T0);
  return { ledger, store: new JournalStore(db) };
}

let n = 0;
function fill(
  part: Pick<LedgerFillInput, 'side' | 'qty' | 'price'> & Partial<LedgerFillInput>,
): LedgerFillInput {
  n += 1;
  return {
    bookId: 'paper',
    fillId: `F${n}`,
    clientOrderId: `vgp${n}`,
    symbol: 'BTC/USDT',
    fee: '0',
    feeAsset: 'USDT',
    liquidity: 'taker',
    at: T0 + n * HOUR,
    ...part,
  };
}

/** The ledger's own realized PnL minus fees: what the journal's net PnL must add up to. */
function ledgerNet(ledger: Ledger): bigint {
  const b = ledger.book('paper');
  if (b === null) throw new Error('no book');
  return moneyOf(b.realizedPnl, 'realized') - moneyOf(b.fees, 'fees');
}

describe('journal trades from the ledger fills', () => {
  it('a long with two partial closes is one trade: VWAP exit, every fee, exact net PnL', () => {
    const { ledger, store } = book();
    ledger.recordFill(fill({ side: 'buy', qty: '0.5', price: '9340', fee: '4.67' }));
    ledger.recordFill(fill({ side: 'sell', qty: '0.2', price: '9398.95', fee: '1.87979' }));
    expect(buildTrades(store.fills('paper'))).toEqual([]); // still open
    ledger.recordFill(fill({ side: 'sell', qty: '0.3', price: '9310', fee: '2.793' }));
    const [trade, ...rest] = buildTrades(store.fills('paper'));
    expect(rest).toEqual([]);
    if (trade === undefined) throw new Error('no trade');
    // sells 1879.79 + 2793 = 4672.79; buy 4670; fees 4.67 + 1.87979 + 2.793 = 9.34279.
    expect(trade.direction).toBe('long');
    expect(qtyText(trade.entryQty)).toBe('0.5');
    expect(priceText(averagePriceOf(trade.entryValue, trade.entryQty))).toBe('9340');
    expect(priceText(averagePriceOf(trade.exitValue, trade.exitQty))).toBe('9345.58');
    expect(trade.exitCount).toBe(2);
    expect(moneyText(trade.grossPnl)).toBe('2.79');
    expect(moneyText(trade.fees)).toBe('9.34279');
    expect(moneyText(trade.netPnl)).toBe('-6.55279');
    expect(trade.netPnl).toBe(ledgerNet(ledger));
    expect(trade.closedAt - trade.openedAt).toBe(2 * HOUR);
    // Stop at the bar's low 9305: risk (9340 - 9305) x 0.5 = 17.5; R = -6.55279 / 17.5.
    const verdict = initialRiskFor(trade, 'paper', [() => ({ stop: '9305', source: 'bracket' })]);
    expect(verdict.risk).toEqual({ amount: '17.5', stop: '9305', source: 'bracket' });
    expect(rMultipleOf(trade.netPnl, moneyOf('17.5', 'risk'))).toBe('-0.37');
  });

  it('a fill that crosses zero closes the short and opens a long with the rest, fees prorated', () => {
    const { ledger, store } = book();
    ledger.recordFill(fill({ side: 'sell', qty: '0.4', price: '9370', fee: '3.748' }));
    ledger.recordFill(fill({ side: 'buy', qty: '1', price: '9398.95', fee: '9.39895' }));
    ledger.recordFill(fill({ side: 'sell', qty: '0.6', price: '9310', fee: '5.586' }));
    const trades = buildTrades(store.fills('paper'));
    expect(trades.map((t) => [t.direction, qtyText(t.entryQty), moneyText(t.netPnl)])).toEqual([
      // short: sold 3748, bought back 3759.58; fees 3.748 + 0.4 of 9.39895.
      ['short', '0.4', '-19.08758'],
      // long: bought 5639.37, sold 5586; fees 0.6 of 9.39895 + 5.586.
      ['long', '0.6', '-64.59537'],
    ]);
    // The second trade's id is the flipping fill's ledger row; both exit on that fill's price.
    const seqs = store.fills('paper').map((f) => `T${f.seq}`);
    expect(trades.map((t) => t.id)).toEqual([seqs[0], seqs[1]]);
    expect(trades.reduce((s, t) => s + t.netPnl, 0n)).toBe(ledgerNet(ledger));
  });

  it('a fee charged in the base asset leaves the position: flat after selling what is held', () => {
    const { ledger, store } = book();
    ledger.recordFill(
      fill({ side: 'buy', qty: '1', price: '9340', fee: '0.001', feeAsset: 'BTC' }),
    );
    ledger.recordFill(fill({ side: 'sell', qty: '0.999', price: '9370', fee: '9.36063' }));
    const [trade] = buildTrades(store.fills('paper'));
    // 0.999 x 9370 - 9340 - 9.36063; the ledger's realized is (9370 - 9340) x 0.999 = 29.97.
    expect(trade && moneyText(trade.netPnl)).toBe('11.26937');
    expect(trade && moneyText(trade.grossPnl)).toBe('29.97');
    expect(trade?.netPnl).toBe(ledgerNet(ledger));
  });

  it('R is n/a, with the reason, when an entry had no stop or a stop not beyond its fill', () => {
    const { ledger, store } = book();
    ledger.recordFill(fill({ side: 'buy', qty: '0.1', price: '9340', clientOrderId: 'entryA' }));
    ledger.recordFill(fill({ side: 'buy', qty: '0.1', price: '9370', clientOrderId: 'addB' }));
    ledger.recordFill(fill({ side: 'sell', qty: '0.2', price: '9398.95' }));
    const [trade] = buildTrades(store.fills('paper'));
    if (trade === undefined) throw new Error('no trade');
    const onlyA = ({ clientOrderId: cid }: { clientOrderId: string }) =>
      cid === 'entryA' ? { stop: '9305', source: 'bracket' as const } : null;
    expect(initialRiskFor(trade, 'paper', [onlyA])).toEqual({
      risk: null,
      missing: 'entry order addB had no protective stop',
    });
    expect(
      initialRiskFor(trade, 'paper', [() => ({ stop: '9350', source: 'bracket' })]).missing,
    ).toBe('the stop 9350 of entry order entryA was not beyond its fill at 9340');
    // Both protected: (9340 - 9305) x 0.1 + (9370 - 9305) x 0.1 = 10; a plan source comes first.
    const both = initialRiskFor(trade, 'paper', [
      ({ clientOrderId: cid }) => (cid === 'addB' ? { stop: '9305', source: 'plan' } : null),
      onlyA,
    ]);
    expect(both.risk).toEqual({ amount: '10', stop: '9305', source: 'bracket' });
  });

  it('over any fill sequence ending flat, the trades add up to the ledger exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            buy: fc.boolean(),
            milli: fc.integer({ min: 1, max: 2000 }),
            cents: fc.integer({ min: 900_000, max: 1_000_000 }),
            feeBps: fc.integer({ min: 0, max: 20 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (steps) => {
          const { ledger, store } = book();
          let position = 0n;
          let flats = 0;
          for (const s of steps) {
            const qty = BigInt(s.milli);
            const price = (BigInt(s.cents) * 10n ** 10n).toString();
            // Fee at 1e-9 units: notional (1e-5 units) x bps / 10^4.
            const fee = qty * BigInt(s.cents) * BigInt(s.feeBps);
            const before = position;
            position += s.buy ? qty : -qty;
            if (before !== 0n && (position === 0n || before > 0n !== position > 0n)) flats += 1;
            ledger.recordFill(
              fill({
                side: s.buy ? 'buy' : 'sell',
                qty: qtyText(qty * 10n ** 9n),
                price: priceText(BigInt(price)),
                fee: moneyText(fee * 10n ** 15n),
              }),
            );
          }
          if (position !== 0n) {
            flats += 1;
            ledger.recordFill(
              fill({
                side: position > 0n ? 'sell' : 'buy',
                qty: qtyText((position < 0n ? -position : position) * 10n ** 9n),
                price: '9500',
              }),
            );
          }
          const trades = buildTrades(store.fills('paper'));
          expect(trades).toHaveLength(flats);
          expect(trades.reduce((sum, t) => sum + t.netPnl, 0n)).toBe(ledgerNet(ledger));
          for (const t of trades) expect(t.exitQty).toBe(t.entryQty);
        },
      ),
      { numRuns: 60 },
    );
  });
});
