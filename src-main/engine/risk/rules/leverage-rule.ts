import { HARD_MAX_LEVERAGE } from '../../../../src-shared/domain/risk-config';
import { grossNotional } from '../exposure';
import { APPROVE, reject, type RiskRule } from '../risk-types';

/** Gross notional at mark with this order, over equity, within maxLeverage (never > 10x). */
export const leverageRule: RiskRule = {
  name: 'leverage',
  entriesOnly: true,
  check(order, ctx) {
    const cap = Math.min(ctx.config.maxLeverage, HARD_MAX_LEVERAGE);
    const gross = grossNotional(ctx) + order.qty * order.price;
    const leverage = gross / ctx.equity;
    if (leverage <= cap) return APPROVE;
    return reject('leverage', `leverage would be ${leverage.toFixed(2)}x, limit ${cap}x`, {
      leverage,
      limit: cap,
      grossNotional: gross,
      equity: ctx.equity,
    });
  },
};
