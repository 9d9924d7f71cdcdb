import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../src-main/engine/reports/build-report';
import { sharpeRatio, sortinoRatio } from '../../../../src-main/engine/reports/equity-stats';
import { moneyText } from '../../../../src-main/engine/reports/money';
import { monthPeriod } from '../../../../src-main/engine/reports/report-period';
import type { Report } from '../../../../src-main/engine/reports/report-model';
import { FIXTURE_NOW, fixtureSource } from '../../../support/report-fixture';

const TZ = 'Europe/Berlin';

async function month(m: string): Promise<Report> {
  return buildReport({
    source: fixtureSource(),
    book: 'paper',
    period: monthPeriod(m, TZ, FIXTURE_NOW),
    generatedAt: FIXTURE_NOW,
  });
}

const text = (v: { toFixed(): string } | null): string | null => (v === null ? null : v.toFixed());

describe('report metrics on a hand-computed trade list', () => {
  it('September: a loss month with one losing round trip', async () => {
    const s = (await month('2026-09')).summary;
    // Buy 1 ETH @2000 (fee 2), sell @1900 (fee 1.9): proceeds 1898.1, cost 2002.
    expect(moneyText(s.realizedPnl)).toBe('-103.9');
    expect(moneyText(s.realizedGross)).toBe('-100');
    expect(moneyText(s.fees)).toBe('3.9');
    expect(s.trades).toBe(1);
    expect(s.wins).toBe(0);
    expect(s.winRate).toBe(0);
    expect(s.profitFactor).toBe(0); // no winning trade: 0 / 103.9
    expect(text(s.averageLoss)).toBe('-103.9');
    expect(text(s.expectancy)).toBe('-103.9');
    expect(text(s.startEquity)).toBe('10000');
    expect(text(s.endEquity)).toBe('9896');
  });

  it('October: partial close across two lots, base-asset and BNB fees, an open position', async () => {
    const r = await month('2026-10');
    const s = r.summary;
    // Sell 0.75 BTC @64000 closes 0.5 of F3 (gain 1938) and 0.25 of F4 (gain 471.25).
    // F3's 0.0005 BTC fee is worth 30 USDT; F4's 0.05 BNB fee was recorded as 25.5 USDT.
    const t1 = r.trades.find((t) => t.closeFillId === 'F5');
    expect(
      t1?.lots.map((l) => [
        moneyText(l.quantity),
        moneyText(l.costBasis),
        moneyText(l.proceeds),
        moneyText(l.gain),
      ]),
    ).toEqual([
      ['0.5', '30030', '31968', '1938'],
      ['0.25', '15512.75', '15984', '471.25'],
    ]);
    expect(text(t1?.pnl ?? null)).toBe('2409.25');
    expect(text(t1?.entryPrice ?? null)).toBe('60666.666666666667');
    // The rest of F4 (0.25, fee share 12.75) is closed @58000 (fee 14.5): -1027.25.
    expect(text(r.trades.find((t) => t.closeFillId === 'F6')?.pnl ?? null)).toBe('-1027.25');
    // ETH flat round trip loses exactly its two fees.
    expect(text(r.trades.find((t) => t.closeFillId === 'F8')?.pnl ?? null)).toBe('-5');

    expect(moneyText(s.realizedPnl)).toBe('1377');
    expect(moneyText(s.realizedGross)).toBe('1500');
    expect(moneyText(s.closedLotFees)).toBe('123');
    expect(moneyText(s.fees)).toBe('129.1'); // every October fill, incl. the open F9 buy
    expect(text(s.unrealizedPnl)).toBe('200'); // 0.1 BTC from 61000 to mark 63000
    expect(s.trades).toBe(3);
    expect(s.wins).toBe(1);
    expect(s.losses).toBe(2);
    expect(s.winRate).toBeCloseTo(1 / 3, 12);
    expect(text(s.averageWin)).toBe('2409.25');
    expect(text(s.averageLoss)).toBe('-516.125');
    expect(s.profitFactor).toBeCloseTo(2409.25 / 1032.25, 12);
    expect(text(s.expectancy)).toBe('459');
    // 30000 + 31000 + 48000 + 14500 + 2500 + 2500 + 6100
    expect(moneyText(s.volume)).toBe('134600');
    expect(s.fills).toBe(7);
  });

  it('October: equity, drawdown, exposure, per-symbol rows and risk events', async () => {
    const r = await month('2026-10');
    const s = r.summary;
    expect(text(s.startEquity)).toBe('9896');
    expect(text(s.endEquity)).toBe('10000');
    // Peak 10100 (Oct 2 12:00Z) -> trough 9800 (Oct 10) -> regained by 10150 (Oct 20).
    expect(s.maxDrawdown).toMatchObject({
      peakAt: Date.parse('2026-10-02T12:00:00Z'),
      troughAt: Date.parse('2026-10-10T12:00:00Z'),
      recoveredAt: Date.parse('2026-10-20T12:00:00Z'),
      durationMs: 18 * 86_400_000,
    });
    expect(text(s.maxDrawdown?.depth ?? null)).toBe('300');
    expect(s.maxDrawdown?.depthFraction).toBeCloseTo(300 / 10100, 12);
    expect(s.longestDrawdownMs).toBe(18 * 86_400_000);
    // Berlin October 2026 is 745 hours long (DST ends Oct 25). Positions open: BTC Oct 1-10
    // (216 h), ETH Oct 12-15 (72 h), BTC from Oct 20 08:00Z to Oct 31 23:00Z (279 h).
    expect(s.exposure).toBeCloseTo(567 / 745, 12);

    expect(
      r.symbols.map((x) => [
        x.symbol,
        x.trades,
        x.wins,
        moneyText(x.realizedPnl),
        moneyText(x.fees),
        text(x.unrealizedPnl),
      ]),
    ).toEqual([
      ['BTC/USDT', 2, 1, '1382', '124.1', '200'],
      ['ETH/USDT', 1, 0, '-5', '5', '0'],
    ]);
    expect(r.best.map((t) => t.closeFillId)).toEqual(['F5']);
    expect(r.worst.map((t) => t.closeFillId)).toEqual(['F6', 'F8']);
    expect(r.rejectionsByRule).toEqual([
      { rule: 'daily-loss', count: 2 },
      { rule: 'max-positions', count: 1 },
    ]);
    expect([s.rejections, s.halts, s.kills]).toEqual([3, 1, 1]);
  });

  it('daily returns follow Berlin days and feed Sharpe/Sortino annualized with 365 days', async () => {
    const r = await month('2026-10');
    expect(r.days).toHaveLength(31);
    expect(r.days[0]?.date).toBe('2026-10-01');
    expect(r.days[4]).toMatchObject({ date: '2026-10-05' });
    expect(text(r.days[4]?.realizedPnl ?? null)).toBe('2409.25');
    // Closes: Oct1 9866, Oct2 10100, Oct3..9 9999.5, Oct10..19 9800, Oct20..24 10150, Oct25.. 10000.
    const closes = [
      9896,
      9866,
      10100,
      ...Array(7).fill(9999.5),
      ...Array(10).fill(9800),
      ...Array(5).fill(10150),
      ...Array(7).fill(10000),
    ];
    const expected = closes.slice(1).map((c, i) => (c - (closes[i] ?? 0)) / (closes[i] ?? 1));
    expect(r.days.map((d) => d.dailyReturn)).toEqual(expected.map((x) => expect.closeTo(x, 12)));
    expect(r.summary.returnDays).toBe(31);
    expect(r.summary.sharpe).toBeCloseTo(sharpeRatio(expected) ?? NaN, 12);
    expect(r.summary.sortino).toBeCloseTo(sortinoRatio(expected) ?? NaN, 12);
  });

  it('Sharpe and Sortino formulas on three hand-computed returns', async () => {
    // mean 0.02/3; sample sd sqrt(((1/300)^2 + (5/300)^2 + (4/300)^2) / 2); downside sqrt(0.0001/3).
    const sd = Math.sqrt(((1 / 300) ** 2 + (5 / 300) ** 2 + (4 / 300) ** 2) / 2);
    expect(sharpeRatio([0.01, -0.01, 0.02])).toBeCloseTo((0.02 / 3 / sd) * Math.sqrt(365), 10);
    expect(sortinoRatio([0.01, -0.01, 0.02])).toBeCloseTo(
      (0.02 / 3 / Math.sqrt(0.0001 / 3)) * Math.sqrt(365),
      10,
    );
    expect(sharpeRatio([0.01])).toBeNull();
    expect(sortinoRatio([0.01, 0.02])).toBeNull();
  });

  it('an empty month is a valid report with no trades', async () => {
    const r = await month('2026-11');
    expect(r.period.partial).toBe(true);
    expect(r.summary.trades).toBe(0);
    expect(r.summary.winRate).toBeNull();
    expect(r.trades).toEqual([]);
    expect(text(r.summary.startEquity)).toBe('10000');
  });

  it('never mixes books', async () => {
    const source = fixtureSource();
    await expect(
      buildReport({
        source,
        book: 'live:binance',
        period: monthPeriod('2026-10', TZ, FIXTURE_NOW),
        generatedAt: 0,
      }),
    ).rejects.toThrow('no ledger data');
  });
});
