import type { ReactElement } from 'react';
import { FINAL_ORDER_STATES } from '../../../src-shared/domain/order';
import { flattenNow, replaceProtectiveStops } from '../../state/control-actions';
import { useBookStore } from '../../state/book-store';
import { useClient } from '../../state/client-context';
import { useEngineStore } from '../../state/engine-store';
import { useKillStore } from '../../state/kill-store';

/** What the kill left: how many positions are open and how many have no working stop. */
function protectionText(open: number, unprotected: number): string {
  const positions = `${open} position${open === 1 ? '' : 's'} still open`;
  if (unprotected === 0) return `${positions}, each with a working stop.`;
  // The two ways back (Flatten now, Re-place stops) are the buttons right under this line.
  if (unprotected === open) return `${positions}, ${open === 1 ? '' : 'all '}UNPROTECTED: no stop.`;
  return `${positions}, ${unprotected} UNPROTECTED: no stop.`;
}

/**
 * HALTED with positions still open (a kill without flatten): the two ways out of a naked
 * position, right where the trader looks after a kill. Both go through the engine's gate,
 * which accepts orders that only reduce a position while HALTED.
 */
export function HaltedActions(): ReactElement | null {
  const client = useClient();
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  const symbols = useBookStore((s) =>
    (s.valuation?.positions ?? [])
      .filter((p) => Number(p.qty) !== 0)
      .map((p) => p.symbol)
      .join(','),
  );
  // A position counts as protected once a stop of its market is working again.
  const unprotected = useBookStore(
    (s) =>
      (symbols === '' ? [] : symbols.split(',')).filter(
        (symbol) =>
          !s.orders.some(
            (o) =>
              o.symbol === symbol &&
              (o.type === 'stop-market' || o.type === 'stop-limit') &&
              !FINAL_ORDER_STATES.has(o.state),
          ),
      ).length,
  );
  const open = symbols === '' ? 0 : symbols.split(',').length;
  const running = useKillStore((s) => s.progress !== null && !s.progress.done);
  if (!halted || open === 0) return null;
  return (
    <div className="halted-actions" role="group" aria-label="Open positions while halted">
      {/* A naked position is the one state after a kill that still loses money: said loudly. */}
      <p
        data-testid="halted-positions-note"
        data-unprotected={unprotected}
        className={unprotected > 0 ? 'tone-bad' : undefined}
        role={unprotected > 0 ? 'alert' : undefined}
      >
        {protectionText(open, unprotected)}
      </p>
      <button
        type="button"
        className="halted-action flatten"
        data-testid="flatten-now"
        disabled={running}
        title="Close every open position with reduce-only market orders (the kill's flatten)"
        onClick={() => void flattenNow(client)}
      >
        Flatten now
      </button>
      <button
        type="button"
        className="halted-action stops"
        data-testid="replace-stops"
        title="Re-place protective stops: a reduce-only stop for each open position, at the price of its last stop"
        onClick={() => void replaceProtectiveStops(client)}
      >
        Re-place stops
      </button>
    </div>
  );
}
