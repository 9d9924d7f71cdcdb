import { APPROVE, reject, type RiskRule } from '../risk-types';

/** The day's loss (start-of-day equity -> equity now, at mark) has reached the limit. */
export function dailyLossReached(
  equity: number,
  startOfDayEquity: number,
  dailyLossPct: number,
): boolean {
  return startOfDayEquity - equity >= (startOfDayEquity * dailyLossPct) / 100;
}

/** No new exposure once today's loss reaches dailyLossPct of start-of-day equity. */
export const dailyLossRule: RiskRule = {
  name: 'daily-loss',
  entriesOnly: true,
  check(_order, ctx) {
    const { equity, startOfDayEquity } = ctx;
    const limit = (startOfDayEquity * ctx.config.dailyLossPct) / 100;
    if (!dailyLossReached(equity, startOfDayEquity, ctx.config.dailyLossPct)) return APPROVE;
    return reject(
      'daily-loss',
      `today's loss ${(startOfDayEquity - equity).toFixed(2)} reached the limit ${limit.toFixed(2)} (${ctx.config.dailyLossPct}% of ${startOfDayEquity.toFixed(2)})`,
      { equity, startOfDayEquity, loss: startOfDayEquity - equity, limit },
    );
  },
};
