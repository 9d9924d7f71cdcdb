import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../../src-main/engine/ledger/ledger';
import { buildReport } from '../../../../src-main/engine/reports/build-report';
import { Money } from '../../../../src-main/engine/reports/money';
import { LedgerReportSource } from '../../../../src-main/engine/reports/ledger-report-source';
import { rangePeriod } from '../../../../src-main/engine/reports/report-period';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { at, loadCandles } from '../../../support/execution-fixture';

// Real Binance BTC/USDT 1h candles; the book trades at their closes.
const BARS = loadCandles('binance_BTC-USDT_1h.csv');
const HOUR = 3_600_000;
const closeTime = (i: number): number => at(BARS, i).openTime + HOUR;
const close = (i: number): string => String(at(BARS, i).close);

/**
 * A paper book on a replay that was rewound: bars 0-10 played with a round trip (buy 0.1 at
 * bar 5, sell at bar 8), then the replay went back to bar 1 (the engine allows that only when
 * flat) and a second round trip was made over the same market hours (buy 0.3 at bar 3, sell at
 * bar 9). The ledger records it all in the order it happened.
 */
function rewoundBook(): Ledger {
  const store = openVigilStore(':memory:');
  const ledger = new Ledger(store.db);
  ledger.ensureBook('paper', 'USDT', '10000', closeTime(0));
  let n = 0;
  const fill = (side: 'buy' | 'sell', qty: string, bar: number): void => {
    n += 1;
    ledger.recordFill({
      bookId: 'paper',
      fillId: `f${n}`,
      clientOrderId: `o${n}`,
      symbol: 'BTC/USDT',
      side,
      qty,
      price: close(bar),
      fee: new Money(qty).times(close(bar)).times('0.001').toFixed(),
      feeAsset: 'USDT',
      liquidity: 'taker',
      at: closeTime(bar),
    });
  };
  const play = (from: number, to: number, trades: Record<number, () => void>): void => {
    for (let i = from; i <= to; i += 1) {
      trades[i]?.();
      ledger.markBar('paper', 'BTC/USDT', close(i), closeTime(i));
    }
  };
  play(0, 10, { 5: () => fill('buy', '0.1', 5), 8: () => fill('sell', '0.1', 8) });
  play(1, 9, { 3: () => fill('buy', '0.3', 3), 9: () => fill('sell', '0.3', 9) });
  return ledger;
}

describe('a report over a rewound replay', () => {
  it('counts every fill once, matches lots as the ledger did, and ends at the equity the ledger has', async () => {
    const ledger = rewoundBook();
    const end = Date.parse('2018-07-01T00:00:00Z');
    const report = await buildReport({
      source: new LedgerReportSource(ledger),
      book: 'paper',
      period: rangePeriod('2018-05-01', '2018-06-30', 'UTC', end),
      generatedAt: end,
    });
    expect(report.fills.map((f) => f.source.id)).toEqual(['f1', 'f2', 'f3', 'f4']);
    // Each pass's buy is closed by its own sell, exactly as the ledger's lots were.
    const ledgerLots = ledger.lotCloses('paper');
    expect(
      report.closedLots.map((l) => [
        l.openFill.source.id,
        l.closeFill.source.id,
        l.quantity.toFixed(),
      ]),
    ).toEqual(ledgerLots.map((l) => [l.openFillId, l.closeFillId, new Money(l.qty).toFixed()]));
    expect(report.closedLots.map((l) => l.gain.plus(l.openFee).plus(l.closeFee).toFixed())).toEqual(
      ledgerLots.map((l) => new Money(l.realizedPnl).toFixed()),
    );
    // The report ends where the ledger's book is now, and the second pass's bars are on the curve.
    const samples = ledger.equitySamples('paper');
    expect(report.summary.endEquity?.toFixed()).toBe(
      new Money(samples.at(-1)?.equity ?? 'NaN').toFixed(),
    );
    const book = ledger.book('paper');
    expect(report.summary.realizedGross.toFixed()).toBe(
      new Money(book?.realizedPnl ?? 'NaN').toFixed(),
    );
    expect(report.summary.fees.toFixed()).toBe(new Money(book?.fees ?? 'NaN').toFixed());
    expect(report.equityCurve.at(-1)?.at).toBe(closeTime(9));
    // Exposure counts market hours once however often they were played: bars 3-9 held.
    expect(report.summary.exposure * (report.period.toMs - report.period.fromMs)).toBe(
      closeTime(9) - closeTime(3),
    );
    expect(report.summary.maxDrawdown?.durationMs ?? 0).toBeGreaterThanOrEqual(0);
    expect(report.notes.map((n) => n.text)).toEqual([
      'The replay was rewound once here: some market days were played more than once. Every fill counts once, in the order the book made it (FIFO as the ledger matched it), and the equity curve shows the passes one after the other.',
    ]);
  });

  it('records the second pass through a bar when the book changed since, and nothing twice when it did not', () => {
    const ledger = rewoundBook();
    const atBar = (i: number): number =>
      ledger.equitySamples('paper').filter((s) => s.cause === 'bar' && s.at === closeTime(i))
        .length;
    // Bar 2: played before any trade and again after two: two different books, two samples.
    expect(atBar(2)).toBe(2);
    ledger.markBar('paper', 'BTC/USDT', close(9), closeTime(9));
    expect(atBar(9)).toBe(2);
  });
});
