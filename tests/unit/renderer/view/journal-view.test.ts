import { describe, expect, it } from 'vitest';
import type { PnlCalendar, PnlDay } from '../../../../src-shared/contract/journal';
import {
  dayShade,
  leadingBlanks,
  monthLabel,
  parseTags,
  shiftMonth,
  zonedShort,
} from '../../../../src-renderer/view/journal-view';

const day = (date: string, netPnl: string, trades = 1): PnlDay => ({
  date,
  trades,
  wins: 0,
  losses: 0,
  netPnl,
  other: [],
});

describe('journal view', () => {
  it('shades a day by its share of the month largest, gains and losses apart', () => {
    const days = [day('2018-05-01', '-30'), day('2018-05-02', '12'), day('2018-05-03', '25')];
    const calendar = { days } as PnlCalendar;
    expect(days.map((d) => dayShade(d, calendar))).toEqual([
      { tone: 'down', level: 3 },
      { tone: 'up', level: 2 },
      { tone: 'up', level: 3 },
    ]);
    expect(dayShade(day('2018-05-04', '0', 0), calendar)).toEqual({ tone: 'none', level: 0 });
    expect(dayShade(day('2018-05-04', '0', 2), calendar)).toEqual({ tone: 'flat', level: 0 });
  });

  it('lays a month out Monday first and moves between months across a year', () => {
    expect(leadingBlanks('2018-05-01')).toBe(1); // a Tuesday
    expect(leadingBlanks('2026-11-01')).toBe(6); // a Sunday
    expect(shiftMonth('2018-01', -1)).toBe('2017-12');
    expect(shiftMonth('2018-12', 1)).toBe('2019-01');
    expect(monthLabel('2018-05')).toBe('May 2018');
  });

  it('reads tags as typed and writes times in the journal zone', () => {
    expect(parseTags(' breakout, a-plus  late,')).toEqual(['breakout', 'a-plus', 'late']);
    expect(zonedShort(Date.parse('2018-05-31T22:30:00Z'), 'Europe/Berlin')).toBe('06-01 00:30');
  });
});
