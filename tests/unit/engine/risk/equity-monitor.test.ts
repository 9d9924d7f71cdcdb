import { describe, expect, it } from 'vitest';
import { EquityMonitor, type EquityMarks } from '../../../../src-main/engine/risk/equity-monitor';
import { zonedDayKey } from '../../../../src-main/engine/risk/zoned-day';
import { defaultRiskConfig } from '../../../../src-shared/domain/risk-config';
import { riskHarness } from '../../../../tests/support/risk-harness';
import { ManualClock } from '../../../../tests/support/manual-clock';

const berlin = defaultRiskConfig('Europe/Berlin');

describe('zoned calendar day', () => {
  it('follows the zone, not UTC, including DST changes', () => {
    // 2026-03-29: Berlin springs forward at 01:00 UTC (02:00 -> 03:00 local); the day has 23 h.
    expect(zonedDayKey(Date.UTC(2026, 2, 28, 22, 59), 'Europe/Berlin')).toBe('2026-03-28');
    expect(zonedDayKey(Date.UTC(2026, 2, 28, 23, 0), 'Europe/Berlin')).toBe('2026-03-29');
    expect(zonedDayKey(Date.UTC(2026, 2, 29, 21, 59), 'Europe/Berlin')).toBe('2026-03-29');
    expect(zonedDayKey(Date.UTC(2026, 2, 29, 22, 0), 'Europe/Berlin')).toBe('2026-03-30');
    // 2026-11-01: New York falls back; that day has 25 h and ends at 05:00 UTC on the 2nd.
    expect(zonedDayKey(Date.UTC(2026, 10, 2, 4, 59), 'America/New_York')).toBe('2026-11-01');
    expect(zonedDayKey(Date.UTC(2026, 10, 2, 5, 0), 'America/New_York')).toBe('2026-11-02');
  });

  it('refuses an unknown zone and a non-finite time', () => {
    expect(() => zonedDayKey(0, 'Nowhere/Land')).toThrow(RangeError);
    expect(() => zonedDayKey(Number.NaN, 'UTC')).toThrow('time must be finite');
  });
});

describe('equity monitor', () => {
  it('sets start-of-day equity at the first observation of each zoned day', () => {
    const saved: EquityMarks[] = [];
    const m = new EquityMonitor(null, (x) => saved.push(x));
    m.observe(10_000, Date.UTC(2026, 2, 28, 22, 0), berlin); // 23:00 Berlin, Mar 28
    m.observe(9_900, Date.UTC(2026, 2, 28, 23, 30), berlin); // 00:30 Berlin, Mar 29: new day
    expect(m.current).toEqual({
      dayKey: '2026-03-29',
      startOfDayEquity: 9_900,
      peakEquity: 10_000,
    });
    expect(saved).toHaveLength(2);
  });

  it('raises daily-loss at exactly 2% and not before', () => {
    const m = new EquityMonitor(null, () => {});
    const t = Date.UTC(2026, 5, 1, 9);
    expect(m.observe(10_000, t, berlin)).toBeNull();
    expect(m.observe(9_800.01, t + 1, berlin)).toBeNull();
    expect(m.observe(9_800, t + 2, berlin)).toMatchObject({
      kind: 'daily-loss',
      numbers: { loss: 200 },
    });
  });

  it('raises soft-drawdown at 8% and max-drawdown at 10% from the peak over several days', () => {
    const m = new EquityMonitor(null, () => {});
    const day = 86_400_000;
    const t = Date.UTC(2026, 5, 1, 9);
    m.observe(10_000, t, berlin);
    m.observe(9_850, t + day, berlin);
    m.observe(9_700, t + 2 * day, berlin);
    m.observe(9_550, t + 3 * day, berlin);
    expect(m.observe(9_400, t + 4 * day, berlin)).toBeNull();
    expect(m.observe(9_250, t + 5 * day, berlin)).toBeNull();
    expect(m.observe(9_200, t + 5 * day + 1, berlin)).toMatchObject({ kind: 'soft-drawdown' });
    m.observe(9_100, t + 6 * day, berlin);
    expect(m.observe(9_000, t + 6 * day + 1, berlin)).toMatchObject({ kind: 'max-drawdown' });
  });

  it('through the guard: daily loss halts; marks survive a restart', () => {
    const h = riskHarness([]);
    h.risk.guard.observeEquity(10_000);
    h.risk.guard.observeEquity(9_790);
    expect(h.risk.control.current).toMatchObject({ mode: 'HALTED', actor: 'risk:daily-loss' });
    const again = h.restart([]);
    expect(again.guard.observeEquity(9_790)).toMatchObject({ kind: 'daily-loss' });
  });

  it('through the guard: the daily loss counts market days when market time is not the clock (a replay, a backtest)', () => {
    const market = new ManualClock(Date.UTC(2018, 4, 20, 12));
    const h = riskHarness([], ':memory:', 'UTC', undefined, market);
    h.risk.guard.observeEquity(10_000);
    h.risk.guard.observeEquity(9_850);
    // The next market day; the clock (the wall, frozen here) has not moved. The day's start
    // is 9,850 now: 9,700 is 1.5% down on the day, not 3% on the day before.
    market.advance(86_400_000);
    expect(h.risk.guard.observeEquity(9_850)).toBeNull();
    expect(h.risk.guard.observeEquity(9_700)).toBeNull();
    expect(h.risk.control.mode).toBe('RUNNING');
    expect(h.risk.guard.observeEquity(9_650)).toMatchObject({ kind: 'daily-loss' });
  });

  it('soft drawdown moves RUNNING to REDUCING, audited as the risk rule', () => {
    const h = riskHarness([]);
    h.risk.guard.observeEquity(10_000);
    h.clock.advance(86_400_000);
    h.risk.guard.observeEquity(9_900);
    h.clock.advance(86_400_000);
    h.risk.guard.observeEquity(9_800);
    h.clock.advance(86_400_000);
    h.risk.guard.observeEquity(9_700);
    h.clock.advance(86_400_000);
    h.risk.guard.observeEquity(9_600);
    h.clock.advance(86_400_000);
    h.risk.guard.observeEquity(9_500);
    h.clock.advance(86_400_000);
    h.risk.guard.observeEquity(9_400);
    h.clock.advance(86_400_000);
    h.risk.guard.observeEquity(9_250);
    h.risk.guard.observeEquity(9_200);
    expect(h.risk.control.current).toMatchObject({ mode: 'REDUCING', actor: 'risk:soft-drawdown' });
  });
});
