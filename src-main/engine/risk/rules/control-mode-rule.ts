import { APPROVE, reject, type RiskRule } from '../risk-types';

const MODE_CODE = { RUNNING: 0, PAUSED: 1, REDUCING: 2, HALTED: 3, RESUMING: 4 } as const;

/**
 * The control mode decides before any limit: HALTED passes only the kill switch's own orders;
 * RESUMING (after a sleep) passes only the kill's orders and protective exits, since quotes and
 * the book are not trusted yet; PAUSED and REDUCING pass only orders that shrink exposure.
 */
export const controlModeRule: RiskRule = {
  name: 'control-mode',
  entriesOnly: false,
  check(order, ctx, reducing) {
    const mode = ctx.mode;
    if (mode === 'RUNNING') return APPROVE;
    if (mode === 'HALTED') {
      return order.source === 'kill'
        ? APPROVE
        : reject('control-mode', 'HALTED: only kill-switch orders are accepted; rearm first', {
            mode: MODE_CODE.HALTED,
          });
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
