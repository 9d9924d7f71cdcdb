import { APPROVE, reject, type RiskRule } from '../risk-types';

/**
 * Entries below minNotional are refused (the venue would refuse or round them). Closing orders
 * are exempt: a small remainder must always be closable.
 */
export const minNotionalRule: RiskRule = {
  name: 'min-notional',
  entriesOnly: true,
  check(order, ctx) {
    const notional = order.qty * order.price;
    if (notional >= ctx.config.minNotional) return APPROVE;
    return reject(
      'min-notional',
      `order notional ${notional.toFixed(2)} is below the minimum ${ctx.config.minNotional}`,
      { notional, limit: ctx.config.minNotional },
    );
  },
};
