import { orderRisk } from '../exposure';
import { APPROVE, reject, type RiskRule } from '../risk-types';

/**
 * An entry may lose at most riskPerTradePct of equity if its stop is hit. Without a stop the
 * whole notional is at risk (we never assume a stop that is not there), which keeps unprotected
 * entries small; a stop on the wrong side of the price is refused.
 */
export const riskPerTradeRule: RiskRule = {
  name: 'risk-per-trade',
  entriesOnly: true,
  check(order, ctx) {
    const stop = order.stopPrice;
    const wrongSide =
      stop !== undefined && (order.side === 'buy' ? stop >= order.price : stop <= order.price);
    if (wrongSide)
      return reject(
        'risk-per-trade',
        `stop ${stop} is on the wrong side of the ${order.side} price ${order.price}`,
        { price: order.price, stopPrice: stop },
      );
    const risk = orderRisk(order);
    const limit = (ctx.equity * ctx.config.riskPerTradePct) / 100;
    if (risk <= limit) return APPROVE;
    return reject(
      'risk-per-trade',
      `${stop === undefined ? 'no stop: whole notional' : 'risk to stop'} ${risk.toFixed(2)} exceeds ${limit.toFixed(2)} (${ctx.config.riskPerTradePct}% of equity)`,
      { risk, limit, equity: ctx.equity },
    );
  },
};
