import type { ReactElement } from 'react';
import { useKillStore } from '../../state/kill-store';

/** A global kill shortcut that failed to register must be impossible to miss. */
export function ShortcutStatus(): ReactElement | null {
  const shortcut = useKillStore((s) => s.shortcut);
  if (shortcut === null || shortcut.registered) return null;
  return (
    <p className="cross-check" role="alert" data-testid="shortcut-failed">
      Global kill shortcut {shortcut.accelerator} is NOT active: {shortcut.message}. The in-window
      shortcut and the button still work.
    </p>
  );
}
