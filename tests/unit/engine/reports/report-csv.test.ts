import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../src-main/engine/reports/build-report';
import { Money, parseMoney, sumMoney } from '../../../../src-main/engine/reports/money';
import {
  FILLS_CSV_HEADER,
  fillsCsv,
  LOTS_CSV_HEADER,
  lotsCsv,
} from '../../../../src-main/engine/reports/report-csv';
import { monthPeriod, rangePeriod } from '../../../../src-main/engine/reports/report-period';
import { parseCsv } from '../../../support/csv-parse';
import { FIXTURE_NOW, fixtureSource } from '../../../support/report-fixture';
import { replaySession } from '../../../support/replay-session';

const column = (rows: Array<Record<string, string>>, name: string): Money =>
  sumMoney(rows.map((r, i) => parseMoney(r[name] ?? '', `row ${i + 1} ${name}`)));

describe('tax CSVs', () => {
  it('writes one exact row per closed FIFO lot slice, with dates, ids and book', async () => {
    const report = await buildReport({
      source: fixtureSource(),
      book: 'paper',
      period: monthPeriod('2026-10', 'Europe/Berlin', FIXTURE_NOW),
      generatedAt: FIXTURE_NOW,
    });
    const text = lotsCsv(report);
    expect(text.split('\r\n')[0]).toBe(LOTS_CSV_HEADER.join(','));
    const rows = parseCsv(text);
    expect(
      rows.map((r) => [
        r['Asset'],
        r['Date Acquired'],
        r['Date Sold'],
        r['Quantity'],
        r['Proceeds'],
        r['Cost Basis'],
        r['Fee'],
        r['Gain or Loss'],
      ]),
    ).toEqual([
      [
        'BTC',
        '2026-10-01T08:00:00Z',
        '2026-10-05T08:00:00Z',
        '0.5',
        '31968',
        '30030',
        '62',
        '1938',
      ],
      [
        'BTC',
        '2026-10-02T08:00:00Z',
        '2026-10-05T08:00:00Z',
        '0.25',
        '15984',
        '15512.75',
        '28.75',
        '471.25',
      ],
      [
        'BTC',
        '2026-10-02T08:00:00Z',
        '2026-10-10T08:00:00Z',
        '0.25',
        '14485.5',
        '15512.75',
        '27.25',
        '-1027.25',
      ],
      ['ETH', '2026-10-12T08:00:00Z', '2026-10-15T08:00:00Z', '1', '2497.5', '2502.5', '5', '-5'],
    ]);
    expect(rows[1]).toMatchObject({
      Book: 'paper',
      Venue: 'paper',
      'Acquire Order ID': 'o-F4',
      'Sell Order ID': 'o-F5',
      Currency: 'USDT',
    });
  });

  it('re-imported, the files reproduce the realized PnL and fees exactly (replay session on real candles)', async () => {
    const { source, fills, equity } = replaySession();
    // The whole session, which ends flat: every fee belongs to a closed lot.
    const report = await buildReport({
      source,
      book: 'paper',
      period: rangePeriod('2018-05-01', '2018-06-30', 'UTC', FIXTURE_NOW),
      generatedAt: FIXTURE_NOW,
    });
    const lots = parseCsv(lotsCsv(report));
    const fillRows = parseCsv(fillsCsv(report));
    expect(lots.length).toBe(report.closedLots.length);
    expect(lots.length).toBeGreaterThan(100);
    expect(fillRows.length).toBe(fills.length);
    for (const [i, r] of lots.entries()) {
      const gain = parseMoney(r['Proceeds'] ?? '', `row ${i}`).minus(
        parseMoney(r['Cost Basis'] ?? '', `row ${i}`),
      );
      expect(gain.eq(parseMoney(r['Gain or Loss'] ?? '', `row ${i}`))).toBe(true);
    }
    const gains = column(lots, 'Gain or Loss');
    expect(gains.toFixed()).toBe(report.summary.realizedPnl.toFixed());
    expect(column(lots, 'Fee').toFixed()).toBe(report.summary.closedLotFees.toFixed());
    expect(column(fillRows, 'Fee Value').toFixed()).toBe(report.summary.fees.toFixed());
    expect(report.summary.fees.toFixed()).toBe(report.summary.closedLotFees.toFixed());
    // Independent check from the session's own cash book: flat at the end, so the change in
    // equity is exactly the realized PnL net of every fee.
    const start = new Money('10000');
    const end = new Money(equity.at(-1)?.equity ?? 'NaN');
    expect(gains.toFixed()).toBe(end.minus(start).toFixed());
    expect(report.summary.realizedGross.minus(report.summary.fees).toFixed()).toBe(gains.toFixed());
  });

  it('writes the raw fills in Koinly universal layout with UTC dates', async () => {
    const report = await buildReport({
      source: fixtureSource(),
      book: 'paper',
      period: monthPeriod('2026-10', 'Europe/Berlin', FIXTURE_NOW),
      generatedAt: FIXTURE_NOW,
    });
    const text = fillsCsv(report);
    expect(text.split('\r\n')[0]).toBe(FILLS_CSV_HEADER.join(','));
    const rows = parseCsv(text);
    expect(rows[0]).toMatchObject({
      Date: '2026-10-01 08:00 UTC',
      'Sent Amount': '30000',
      'Sent Currency': 'USDT',
      'Received Amount': '0.5',
      'Received Currency': 'BTC',
      'Fee Amount': '0.0005',
      'Fee Currency': 'BTC',
      'Fee Value': '30',
      TxHash: 'F3',
    });
    expect(rows[1]).toMatchObject({
      'Fee Currency': 'BNB',
      'Fee Amount': '0.05',
      'Fee Value': '25.5',
    });
    expect(rows[2]).toMatchObject({
      'Sent Amount': '0.75',
      'Sent Currency': 'BTC',
      'Received Amount': '48000',
      'Received Currency': 'USDT',
    });
  });

  it('an empty period gives header-only files', async () => {
    const report = await buildReport({
      source: fixtureSource(),
      book: 'paper',
      period: monthPeriod('2026-08', 'Europe/Berlin', FIXTURE_NOW),
      generatedAt: FIXTURE_NOW,
    });
    expect(parseCsv(lotsCsv(report))).toEqual([]);
    expect(parseCsv(fillsCsv(report))).toEqual([]);
  });
});
