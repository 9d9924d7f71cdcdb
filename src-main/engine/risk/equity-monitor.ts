import { z } from 'zod';
import type { RiskConfig } from '../../../src-shared/domain/risk-config';
import { dailyLossReached } from './rules/daily-loss-rule';
import { drawdownPct } from './rules/max-drawdown-rule';
import { zonedDayKey } from './zoned-day';

/** What the monitor remembers across restarts, so a restart never resets the day's loss. */
export const EquityMarksSchema = z.object({
  dayKey: z.string(),
  startOfDayEquity: z.number().finite().positive(),
  peakEquity: z.number().finite().positive(),
});
export type EquityMarks = z.infer<typeof EquityMarksSchema>;

export type EquityAlarm =
  | {
      readonly kind: 'daily-loss';
      readonly numbers: Record<string, number>;
      readonly reason: string;
    }
  | {
      readonly kind: 'max-drawdown';
      readonly numbers: Record<string, number>;
      readonly reason: string;
    }
  | {
      readonly kind: 'soft-drawdown';
      readonly numbers: Record<string, number>;
      readonly reason: string;
    };

/**
 * Follows equity at mark and says when a limit is reached: the daily loss (per calendar day in
 * the trader's zone) and the hard drawdown halt; the soft drawdown moves to REDUCING.
 * The first observation of a new day (in the zone) sets that day's start-of-day equity.
 */
export class EquityMonitor {
  private marks: EquityMarks | null;

  constructor(
    initial: EquityMarks | null,
    private readonly save: (marks: EquityMarks) => void,
  ) {
    this.marks = initial;
  }

  get current(): EquityMarks | null {
    return this.marks;
  }

  observe(equity: number, now: number, config: RiskConfig): EquityAlarm | null {
    if (!Number.isFinite(equity) || equity <= 0)
      throw new Error(`EquityMonitor.observe: equity must be finite > 0, got ${equity}`);
    const dayKey = zonedDayKey(now, config.timeZone);
    const prev = this.marks;
    const next: EquityMarks = {
      dayKey,
      startOfDayEquity: prev === null || prev.dayKey !== dayKey ? equity : prev.startOfDayEquity,
      peakEquity: Math.max(prev?.peakEquity ?? equity, equity),
    };
    if (
      prev === null ||
      prev.dayKey !== next.dayKey ||
      prev.peakEquity !== next.peakEquity ||
      prev.startOfDayEquity !== next.startOfDayEquity
    ) {
      this.marks = next;
      this.save(next);
    }
    const { startOfDayEquity, peakEquity } = next;
    if (dailyLossReached(equity, startOfDayEquity, config.dailyLossPct)) {
      const loss = startOfDayEquity - equity;
      return {
        kind: 'daily-loss',
        reason: `daily loss ${loss.toFixed(2)} reached ${config.dailyLossPct}% of start-of-day equity ${startOfDayEquity.toFixed(2)} (${dayKey} ${config.timeZone})`,
        numbers: { equity, startOfDayEquity, loss, limitPct: config.dailyLossPct },
      };
    }
    const dd = drawdownPct(equity, peakEquity);
    if (dd >= config.maxDrawdownPct)
      return {
        kind: 'max-drawdown',
        reason: `drawdown ${dd.toFixed(2)}% from peak ${peakEquity.toFixed(2)} reached ${config.maxDrawdownPct}%`,
        numbers: { equity, peakEquity, drawdownPct: dd, limitPct: config.maxDrawdownPct },
      };
    if (dd >= config.softDrawdownPct)
      return {
        kind: 'soft-drawdown',
        reason: `drawdown ${dd.toFixed(2)}% from peak ${peakEquity.toFixed(2)} reached the soft level ${config.softDrawdownPct}%`,
        numbers: { equity, peakEquity, drawdownPct: dd, limitPct: config.softDrawdownPct },
      };
    return null;
  }
}
