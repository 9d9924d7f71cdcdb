import { describe, expect, it } from 'vitest';
import type { EquitySample, FillView, PositionView } from '../../../../src-shared/domain/order';
import { buildReport } from '../../../../src-main/engine/reports/build-report';
import { LedgerReportSource } from '../../../../src-main/engine/reports/ledger-report-source';
import type { LedgerReader, TimeRange } from '../../../../src-main/engine/ledger/ledger-types';
import { monthPeriod } from '../../../../src-main/engine/reports/report-period';
import {
  FIXTURE_EQUITY,
  FIXTURE_FILLS,
  FIXTURE_NOW,
  fixtureSource,
} from '../../../support/report-fixture';

const inRange = (at: number, r?: TimeRange): boolean =>
  (r?.from === undefined || at >= r.from) && (r?.to === undefined || at < r.to);

/** The ledger's read side over arrays, shaped exactly like the execution core's views. */
function fakeLedger(positions: PositionView[] = []): LedgerReader {
  const fills: FillView[] = FIXTURE_FILLS.map((f) => ({
    bookId: 'paper',
    fillId: f.id,
    clientOrderId: f.clientOrderId,
    symbol: f.symbol,
    side: f.side,
    qty: f.quantity,
    price: f.price,
    notional: '0',
    fee: f.feeAmount,
    feeAsset: f.feeAsset,
    // The ledger values every fee in quote; for F3 (0.0005 BTC @ 60000) that is 30.
    feeQuote: f.feeValue ?? (f.feeAsset === 'BTC' ? '30' : f.feeAmount),
    liquidity: 'taker',
    realizedPnl: '0',
    at: f.at,
  }));
  const equity: EquitySample[] = FIXTURE_EQUITY.map((s) => ({
    bookId: 'paper',
    at: s.at,
    equity: s.equity,
    cash: s.equity,
    unrealizedPnl: '0',
    realizedPnl: '0',
    fees: '0',
    cause: 'bar',
  }));
  return {
    book: (id) =>
      id === 'paper'
        ? {
            bookId: 'paper',
            quoteAsset: 'USDT',
            startingBalance: '10000',
            cash: '0',
            realizedPnl: '0',
            fees: '0',
            positionsCost: '0',
          }
        : null,
    // In the ledger's order, as the ledger lists them: the adapter keeps it.
    fills: (id, r) => fills.filter((f) => f.bookId === id && inRange(f.at, r)),
    positions: () => positions,
    openLots: () => [],
    lotCloses: () => [],
    equitySamples: (id, r) => equity.filter((s) => s.bookId === id && inRange(s.at, r)),
    // Every fill of this ledger is quoted in the book's own currency: no rates are needed.
    fillRates: () => [],
    currentRate: () => null,
  };
}

describe('LedgerReportSource (the execution core ledger -> reports)', () => {
  it('gives the same report as the fixture source for the same ledger rows', async () => {
    const period = monthPeriod('2026-10', 'Europe/Berlin', FIXTURE_NOW);
    const viaLedger = await buildReport({
      source: new LedgerReportSource(fakeLedger(), {
        markPrice: (symbol) => (symbol === 'BTC/USDT' ? '63000' : undefined),
      }),
      book: 'paper',
      period,
      generatedAt: FIXTURE_NOW,
    });
    const direct = await buildReport({
      source: fixtureSource(),
      book: 'paper',
      period,
      generatedAt: FIXTURE_NOW,
    });
    expect(viaLedger.summary.realizedPnl.toFixed()).toBe('1377');
    expect(viaLedger.summary.fees.toFixed()).toBe(direct.summary.fees.toFixed());
    expect(viaLedger.summary.unrealizedPnl?.toFixed()).toBe('200');
    expect(viaLedger.summary.startEquity?.toFixed()).toBe('9896');
    expect(viaLedger.closedLots.map((l) => l.gain.toFixed())).toEqual(
      direct.closedLots.map((l) => l.gain.toFixed()),
    );
    expect(viaLedger.fills[0]?.source).toMatchObject({
      venue: 'paper',
      base: 'BTC',
      quote: 'USDT',
      feeValue: '30',
    });
  });

  it('uses the ledger marks only for a period that ends now, and says when a mark is missing', async () => {
    const ledger = fakeLedger([
      {
        bookId: 'paper',
        symbol: 'BTC/USDT',
        qty: '0.1',
        avgEntryPrice: '61000',
        cost: '6100',
        markPrice: '62000',
        unrealizedPnl: '100',
        realizedPnl: '0',
        fees: '0',
      },
    ]);
    const past = await buildReport({
      source: new LedgerReportSource(ledger, { nowMs: FIXTURE_NOW }),
      book: 'paper',
      period: monthPeriod('2026-10', 'Europe/Berlin', FIXTURE_NOW),
      generatedAt: FIXTURE_NOW,
    });
    expect(past.summary.unrealizedPnl).toBeNull();
    expect(past.openPositions[0]?.mark).toBeNull();
    const current = await buildReport({
      source: new LedgerReportSource(ledger, { nowMs: FIXTURE_NOW }),
      book: 'paper',
      period: monthPeriod('2026-11', 'Europe/Berlin', FIXTURE_NOW),
      generatedAt: FIXTURE_NOW,
    });
    expect(current.summary.unrealizedPnl?.toFixed()).toBe('100');
  });

  it('refuses a book the ledger does not have', async () => {
    expect(() => new LedgerReportSource(fakeLedger()).accountCurrency('live:binance')).toThrow(
      "the ledger has no book 'live:binance'",
    );
  });
});
