import { orderRisk, portfolioHeat } from '../exposure';
import { APPROVE, reject, type RiskRule } from '../risk-types';

/** Sum of risk-to-stop (at mark) after this order must stay within maxHeatPct of equity. */
export const portfolioHeatRule: RiskRule = {
  name: 'portfolio-heat',
  entriesOnly: true,
  check(order, ctx) {
    const current = portfolioHeat(ctx);
    const added = orderRisk(order);
    const limit = (ctx.equity * ctx.config.maxHeatPct) / 100;
    if (current + added <= limit) return APPROVE;
    return reject(
      'portfolio-heat',
      `heat would be ${(current + added).toFixed(2)} (now ${current.toFixed(2)} + ${added.toFixed(2)}), limit ${limit.toFixed(2)} (${ctx.config.maxHeatPct}% of equity)`,
      { heat: current, orderRisk: added, limit, equity: ctx.equity },
    );
  },
};
