import type { ReactElement } from 'react';
import { FINAL_ORDER_STATES } from '../../../src-shared/domain/order';
import { useBookStore } from '../../state/book-store';
import { useEngineStore } from '../../state/engine-store';

/** The kill switch's own closing orders carry this actor; they are the kill at work. */
const KILL_ACTOR = 'system:kill';

/**
 * While HALTED, the book's own order list must agree with the kill sweep. If orders are still
 * working in the book, say so loudly: a "0 left" from the sweep must never hide them. The
 * kill's own closing orders are not among them: they are the flatten in progress, never
 * something to cancel.
 */
export function BookCrossCheck(): ReactElement | null {
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  // Select the stored array (a stable reference) and filter outside the selector: a selector
  // that returns a new array on every call re-renders forever.
  const orders = useBookStore((s) => s.orders);
  const working = orders.filter((o) => !FINAL_ORDER_STATES.has(o.state));
  if (!halted || working.length === 0) return null;
  const closing = working.filter((o) => o.placedBy === KILL_ACTOR).length;
  // Closes and protective stops the trader places while HALTED are allowed, not leftovers.
  const reducing = working.filter(
    (o) => o.reduceOnly && o.placedBy !== null && o.placedBy.startsWith('user:'),
  ).length;
  const others = working.length - closing - reducing;
  return (
    <>
      {closing > 0 && (
        <p className="muted small" data-testid="kill-closing-orders">
          {closing} closing order{closing === 1 ? '' : 's'} from the kill{' '}
          {closing === 1 ? 'is' : 'are'} working: the flatten fills on the next bar (at once when
          the replay is paused).
        </p>
      )}
      {reducing > 0 && (
        <p className="muted small" data-testid="kill-reducing-orders">
          {reducing} reduce-only order{reducing === 1 ? '' : 's'} of yours{' '}
          {reducing === 1 ? 'is' : 'are'} working (closes and protective stops are allowed while
          HALTED).
        </p>
      )}
      {others > 0 && (
        <p className="cross-check" role="alert" data-testid="kill-cross-check">
          {others} order{others === 1 ? ' is' : 's are'} still working in the book. The kill sweep
          did not reach {others === 1 ? 'it' : 'them'}: cancel in the orders table and check the
          venue.
        </p>
      )}
    </>
  );
}
