import { APPROVE, reject, type RiskRule } from '../risk-types';

const MODE_CODE = { RUNNING: 0, PAUSED: 1, REDUCING: 2, HALTED: 3 } as const;

/**
 * The control mode decides before any limit: HALTED passes only the kill switch's own orders;
 * PAUSED and REDUCING pass only orders that shrink exposure (exits and protective orders).
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
    if (reducing) return APPROVE;
    return reject(
      'control-mode',
      `${mode}: only orders that reduce an open position are accepted`,
      { mode: MODE_CODE[mode] },
    );
  },
};
