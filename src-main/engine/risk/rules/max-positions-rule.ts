import { openSymbols } from '../exposure';
import { APPROVE, reject, type RiskRule } from '../risk-types';

/** An entry in a symbol not yet held or working must not exceed maxOpenPositions. */
export const maxPositionsRule: RiskRule = {
  name: 'max-positions',
  entriesOnly: true,
  check(order, ctx) {
    const open = openSymbols(ctx);
    if (open.has(order.symbol)) return APPROVE;
    const max = ctx.config.maxOpenPositions;
    if (open.size + 1 <= max) return APPROVE;
    return reject('max-positions', `${open.size} positions/entries already open, limit ${max}`, {
      open: open.size,
      limit: max,
    });
  },
};
