import { APPROVE, reject, type RiskRule } from '../risk-types';

/** No new entry within lossCooldownMin of the last losing trade (tilt protection). */
export const lossCooldownRule: RiskRule = {
  name: 'loss-cooldown',
  entriesOnly: true,
  check(_order, ctx) {
    const last = ctx.lastLossAt;
    if (last === null || ctx.config.lossCooldownMin === 0) return APPROVE;
    const until = last + ctx.config.lossCooldownMin * 60_000;
    if (ctx.now >= until) return APPROVE;
    return reject(
      'loss-cooldown',
      `cooling down after a losing trade for ${Math.ceil((until - ctx.now) / 60_000)} more min`,
      { lastLossAt: last, until, now: ctx.now },
    );
  },
};
