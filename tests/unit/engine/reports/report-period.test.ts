import { describe, expect, it } from 'vitest';
import {
  localDayStarts,
  monthPeriod,
  rangePeriod,
  startOfLocalDay,
} from '../../../../src-main/engine/reports/report-period';

const NOW = Date.UTC(2026, 10, 21, 12);

describe('report periods in the user time zone', () => {
  it('a Berlin month starts and ends at local midnight, across the DST change', () => {
    const p = monthPeriod('2026-10', 'Europe/Berlin', NOW);
    expect(new Date(p.fromMs).toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(new Date(p.toMs).toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(p.label).toBe('October 2026');
    expect(p.partial).toBe(false);
    const days = localDayStarts(p.fromMs, p.toMs, 'Europe/Berlin');
    expect(days).toHaveLength(31);
    // Oct 25 is 25 hours long in Berlin.
    expect((days[25] ?? 0) - (days[24] ?? 0)).toBe(25 * 3_600_000);
  });

  it('handles zones east and west of UTC and half-hour offsets', () => {
    expect(new Date(monthPeriod('2026-03', 'America/New_York', NOW).toMs).toISOString()).toBe(
      '2026-04-01T04:00:00.000Z',
    );
    expect(new Date(startOfLocalDay(2026, 1, 1, 'Asia/Kolkata')).toISOString()).toBe(
      '2025-12-31T18:30:00.000Z',
    );
    expect(new Date(startOfLocalDay(2026, 3, 8, 'America/New_York')).toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(new Date(startOfLocalDay(2026, 3, 9, 'America/New_York')).toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
  });

  it('the current month ends now and is marked partial; a range includes both days', () => {
    const p = monthPeriod('2026-11', 'UTC', NOW);
    expect(p).toMatchObject({ toMs: NOW, partial: true });
    const r = rangePeriod('2026-10-03', '2026-10-04', 'UTC', NOW);
    expect(r.toMs - r.fromMs).toBe(2 * 86_400_000);
  });
});
