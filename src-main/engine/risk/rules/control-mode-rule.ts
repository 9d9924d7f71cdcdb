import { APPROVE, reject, type RiskRule } from '../risk-types';

const MODE_CODE = { RUNNING: 0, PAUSED: 1, REDUCING: 2, HALTED: 3, RESUMING: 4 } as const;

/**
 * The control mode decides before any limit. PAUSED and REDUCING pass only orders that shrink
 * exposure (exits and protective orders). HALTED passes the kill switch's own orders and, so a
 * kill never locks the trader into a naked position, orders that only reduce one: reduce-only
 * and, by the numbers, not past flat (a close, a partial close, a new protective stop). Orders
 * that add exposure stay refused until rearm. RESUMING (after a sleep) passes only the kill's
 * orders and protective exits, since quotes and the book are not trusted yet.
 */
export const controlModeRule: RiskRule = {
  name: 'control-mode',
  entriesOnly: false,
  check(order, ctx, reducing) {
    const mode = ctx.mode;
    if (mode === 'RUNNING') return APPROVE;
    if (mode === 'HALTED') {
      if (order.source === 'kill') return APPROVE;
      if (reducing && order.reduceOnly) return APPROVE;
      return reject(
        'control-mode',
        reducing
          ? 'HALTED: a closing order must be reduce-only, so it can never add exposure'
          : 'HALTED: only reduce-only orders that shrink an open position are accepted; rearm to add exposure',
        { mode: MODE_CODE.HALTED },
      );
    }
    if (mode === 'RESUMING') {
      return order.source === 'kill' || (order.source === 'protective' && reducing)
        ? APPROVE
        : reject(
            'control-mode',
            'RESUMING after sleep: new orders wait until every feed is fresh and orders, fills and balances are reconciled',
            { mode: MODE_CODE.RESUMING },
          );
    }
    if (reducing) return APPROVE;
    return reject(
      'control-mode',
      `${mode}: only orders that reduce an open position are accepted`,
      { mode: MODE_CODE[mode] },
    );
  },
};
