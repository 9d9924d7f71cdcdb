import type { ReactElement } from 'react';
import { flattenNow, replaceProtectiveStops } from '../../state/control-actions';
import { useBookStore } from '../../state/book-store';
import { useClient } from '../../state/client-context';
import { useEngineStore } from '../../state/engine-store';
import { useKillStore } from '../../state/kill-store';

/**
 * HALTED with positions still open (a kill without flatten): the two ways out of a naked
 * position, right where the trader looks after a kill. Both go through the engine's gate,
 * which accepts orders that only reduce a position while HALTED.
 */
export function HaltedActions(): ReactElement | null {
  const client = useClient();
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  const open = useBookStore(
    (s) => (s.valuation?.positions ?? []).filter((p) => Number(p.qty) !== 0).length,
  );
  const running = useKillStore((s) => s.progress !== null && !s.progress.done);
  if (!halted || open === 0) return null;
  return (
    <div className="halted-actions" role="group" aria-label="Open positions while halted">
      <p className="small">
        {open} position{open === 1 ? '' : 's'} still open and unprotected by the kill.
      </p>
      <button
        type="button"
        data-testid="flatten-now"
        disabled={running}
        title="Close every open position with reduce-only market orders (the kill's flatten)"
        onClick={() => void flattenNow(client)}
      >
        Flatten now
      </button>
      <button
        type="button"
        data-testid="replace-stops"
        title="A reduce-only stop for each open position, at the price of its last stop"
        onClick={() => void replaceProtectiveStops(client)}
      >
        Re-place protective stops
      </button>
    </div>
  );
}
