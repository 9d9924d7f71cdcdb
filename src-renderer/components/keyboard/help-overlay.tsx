import type { ReactElement } from 'react';
import { useUiStore } from '../../state/ui-store';
import { SHORTCUTS } from './shortcut-keys';

export function HelpOverlay(): ReactElement | null {
  const open = useUiStore((s) => s.helpOpen);
  const close = useUiStore((s) => s.setHelpOpen);
  if (!open) return null;
  return (
    <div
      className="overlay"
      role="dialog"
      aria-label="Keyboard shortcuts"
      data-testid="help-overlay"
      onClick={() => close(false)}
    >
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table className="shortcut-table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <td>
                  <kbd>{s.keys}</kbd>
                </td>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          In Electron the kill chord also works when Vigil is not focused.
        </p>
        <h2>Reading P</h2>
        <p className="small" data-testid="help-calibration">
          P is the chance the signal&apos;s target (1.5 ATR) is hit before its stop within 16 bars
          only where it is calibrated: a walk-forward calibration of that market and timeframe
          (vigil calibrate) beat the base rate out of sample. Elsewhere P says{' '}
          <span className="uncalibrated">uncalibrated</span>: the scanner&apos;s prior mapping of
          the score, not a win chance. An uncalibrated market is at most WATCH (never PRIME, so the
          autopilot never trades it), and a plan on it risks the minimum per trade without Kelly or
          an EV.
        </p>
      </div>
    </div>
  );
}
