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
    const limit = ctx.config.minNotional;
    if (notional >= limit) return APPROVE;
    return reject(
      'min-notional',
      `order notional ${belowText(notional, limit)} is below the minimum ${limit} (the risk limit "Min order notional"): raise the quantity, or lower that limit`,
      { notional, limit },
    );
  },
};

/**
 * The notional with two decimals, or with as many significant digits as it takes to stay below
 * the limit: rounded up to it, "0.01 is below the minimum 0.01" would read as a contradiction.
 */
function belowText(notional: number, limit: number): string {
  const fixed = notional.toFixed(2);
  if (Number(fixed) < limit) return fixed;
  for (let digits = 2; digits < 12; digits += 1) {
    const text = String(Number(notional.toPrecision(digits)));
    if (Number(text) < limit) return text;
  }
  return String(notional);
}
