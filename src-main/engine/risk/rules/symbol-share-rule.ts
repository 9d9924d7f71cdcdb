import { symbolNotional } from '../exposure';
import { APPROVE, reject, type RiskRule } from '../risk-types';

/** Notional in one symbol (at mark, with this order) within maxSymbolSharePct of equity. */
export const symbolShareRule: RiskRule = {
  name: 'symbol-share',
  entriesOnly: true,
  check(order, ctx) {
    const held = symbolNotional(ctx, order.symbol);
    const added = order.qty * order.price;
    const limit = (ctx.equity * ctx.config.maxSymbolSharePct) / 100;
    if (held + added <= limit) return APPROVE;
    return reject(
      'symbol-share',
      `${order.symbol} notional would be ${(held + added).toFixed(2)}, limit ${limit.toFixed(2)} (${ctx.config.maxSymbolSharePct}% of equity)`,
      { symbolNotional: held, orderNotional: added, limit, equity: ctx.equity },
    );
  },
};
