import { describe, expect, it } from 'vitest';
import { moneyOf } from '../../../../src-main/engine/ledger/money';
import { pnlCalendar } from '../../../../src-main/engine/journal/pnl-calendar';

const trade = (iso: string, net: string, quoteAsset = 'USDT') => ({
  closedAt: Date.parse(iso),
  quoteAsset,
  netPnl: moneyOf(net, 'net'),
});

describe('PnL calendar', () => {
  it('counts each trade on the local day it closed, in the trader zone, every day of the month', () => {
    const calendar = pnlCalendar(
      [
        trade('2018-05-31T21:59:59Z', '-1'), // 23:59 in Berlin: May, not in June's grid
        trade('2018-05-31T22:30:00Z', '12.5'), // 00:30 on 1 June in Berlin (UTC+2)
        trade('2018-06-01T21:59:00Z', '-2.25'), // 23:59 on 1 June
        trade('2018-06-01T22:00:00Z', '0'), // midnight: 2 June, neither a win nor a loss
        trade('2018-06-02T10:00:00Z', '0.00031', 'BTC'), // ETH/BTC: apart, in BTC
      ],
      { bookId: 'paper', month: '2018-06', timeZone: 'Europe/Berlin', currency: 'USDT' },
    );
    expect(calendar.days).toHaveLength(30);
    expect(calendar.days[0]).toEqual({
      date: '2018-06-01',
      trades: 2,
      wins: 1,
      losses: 1,
      netPnl: '10.25',
      other: [],
    });
    expect(calendar.days[1]).toEqual({
      date: '2018-06-02',
      trades: 2,
      wins: 1,
      losses: 0,
      netPnl: '0',
      other: [{ currency: 'BTC', netPnl: '0.00031' }],
    });
    expect(calendar.days.slice(2).every((d) => d.trades === 0 && d.netPnl === '0')).toBe(true);
    expect(calendar).toMatchObject({ total: '10.25', trades: 4, other: [{ currency: 'BTC' }] });
  });

  it('a month with a DST change still has one cell per local day', () => {
    const october = pnlCalendar([], {
      bookId: 'paper',
      month: '2026-10',
      timeZone: 'Europe/Berlin',
      currency: 'USDT',
    });
    expect(october.days.map((d) => d.date).slice(24, 27)).toEqual([
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
    ]);
    expect(october.days).toHaveLength(31);
  });
});
