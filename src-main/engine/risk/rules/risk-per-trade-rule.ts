import { orderRisk } from '../exposure';
import { APPROVE, reject, type RiskRule } from '../risk-types';

/**
 * An entry must carry a protective stop on the right side of the price, and lose at most
 * riskPerTradePct of equity if the stop is hit.
 */
export const riskPerTradeRule: RiskRule = {
  name: 'risk-per-trade',
  entriesOnly: true,
  check(order, ctx) {
    const stop = order.stopPrice;
    if (stop === undefined)
      return reject('risk-per-trade', 'an entry needs a protective stop price', {
        price: order.price,
      });
    const wrongSide = order.side === 'buy' ? stop >= order.price : stop <= order.price;
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
      `risk to stop ${risk.toFixed(2)} exceeds ${limit.toFixed(2)} (${ctx.config.riskPerTradePct}% of equity)`,
      { risk, limit, equity: ctx.equity },
    );
  },
};
