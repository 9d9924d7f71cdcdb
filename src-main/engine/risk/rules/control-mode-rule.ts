import { APPROVE, reject, type RiskRule } from '../risk-types';

const MODE_CODE = { RUNNING: 0, PAUSED: 1, REDUCING: 2, HALTED: 3 } as const;

/**
 * The control mode decides before any limit. PAUSED and REDUCING pass only orders that shrink
 * exposure (exits and protective orders). HALTED passes the kill switch's own orders and, so a
 * kill never locks the trader into a naked position, orders that only reduce one: reduce-only
 * and, by the numbers, not past flat (a close, a partial close, a new protective stop). Orders
 * that add exposure stay refused until rearm.
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
    if (reducing) return APPROVE;
    return reject(
      'control-mode',
      `${mode}: only orders that reduce an open position are accepted`,
      { mode: MODE_CODE[mode] },
    );
  },
};
