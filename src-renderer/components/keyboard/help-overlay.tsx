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
      </div>
    </div>
  );
}
