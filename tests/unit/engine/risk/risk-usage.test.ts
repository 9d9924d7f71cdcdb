import { describe, expect, it } from 'vitest';
import { RiskUsageSchema } from '../../../../src-shared/contract/risk';
import type { BookSnapshot } from '../../../../src-main/engine/risk/risk-guard';
import { riskHarness } from '../../../support/risk-harness';

const book = (equity: number, positions: BookSnapshot['positions'] = []): BookSnapshot => ({
  equity,
  positions,
  workingEntries: [],
  lastLossAt: null,
});

describe('risk usage (the gauges)', () => {
  it('reports no loss and no drawdown before any equity was seen, and says the day start is assumed', () => {
    const { risk } = riskHarness([]);
    expect(risk.guard.usage(book(10_000))).toEqual({
      equity: 10_000,
      startOfDayEquity: 10_000,
      dailyLossPct: 0,
      peakEquity: 10_000,
      drawdownPct: 0,
      heatPct: 0,
      openPositions: 0,
      dayStartKnown: false,
    });
  });

  it('measures the day loss from start-of-day equity and the drawdown from the peak', () => {
    const { risk, clock } = riskHarness([]);
    risk.guard.observeEquity(10_000);
    clock.advance(3_600_000);
    risk.guard.observeEquity(10_400); // new peak
    clock.advance(3_600_000);
    const usage = risk.guard.usage(book(9_900));
    RiskUsageSchema.parse(usage);
    expect(usage.startOfDayEquity).toBe(10_000);
    expect(usage.dailyLossPct).toBeCloseTo(1, 12); // 100 of 10,000
    expect(usage.peakEquity).toBe(10_400);
    expect(usage.drawdownPct).toBeCloseTo((500 / 10_400) * 100, 12);
    expect(usage.dayStartKnown).toBe(true);
  });

  it('values heat at risk to stop, the whole notional where no stop rests', () => {
    const { risk } = riskHarness([]);
    const usage = risk.guard.usage(
      book(10_000, [
        { symbol: 'BTC/USDT', qty: 0.1, mark: 9_000, stopPrice: 8_500 }, // 50 at risk
        { symbol: 'ETH/USDT', qty: -1, mark: 500 }, // short, no stop: 500 at risk
      ]),
    );
    expect(usage.heatPct).toBeCloseTo(((50 + 500) / 10_000) * 100, 12);
    expect(usage.openPositions).toBe(2);
  });
});
