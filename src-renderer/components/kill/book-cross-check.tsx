import type { ReactElement } from 'react';
import { FINAL_ORDER_STATES } from '../../../src-shared/domain/order';
import { useBookStore } from '../../state/book-store';
import { useEngineStore } from '../../state/engine-store';
import { useKillStore } from '../../state/kill-store';
import { chasedWords, crossCheckGroups } from '../../view/book-cross-check-groups';

/**
 * While HALTED, the book's own order list must agree with the kill sweep. If orders are still
 * working in the book once the kill is done, say so loudly: a "0 left" from the sweep must
 * never hide them. The kill's own closing orders are not among them: they are the flatten in
 * progress, never something to cancel; nor are the orders the kill is chasing by client id
 * (their placement answer was lost): those are said as chased, with their grace.
 */
export function BookCrossCheck(): ReactElement | null {
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  // Select the stored array (a stable reference) and filter outside the selector: a selector
  // that returns a new array on every call re-renders forever.
  const orders = useBookStore((s) => s.orders);
  const kill = useKillStore((s) => s.control?.kill ?? null);
  const killFresh = useKillStore((s) => s.killFresh);
  const working = orders.filter((o) => !FINAL_ORDER_STATES.has(o.state));
  if (!halted || working.length === 0) return null;
  const { chased, closing, reducing, others, sweeping } = crossCheckGroups(
    working,
    kill,
    killFresh,
  );
  return (
    <>
      {chased.length > 0 && (
        <p className="tone-warn small" data-testid="kill-chased-orders">
          {chasedWords(chased)}
        </p>
      )}
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
      {others > 0 && sweeping && (
        <p className="muted small" data-testid="kill-sweeping-orders">
          {others} order{others === 1 ? ' is' : 's are'} still working in the book while the kill
          sweeps: it is cancelling {others === 1 ? 'it' : 'them'} and asks the venue again until it
          shows none.
        </p>
      )}
      {others > 0 && !sweeping && (
        <p className="cross-check" role="alert" data-testid="kill-cross-check">
          {others} order{others === 1 ? ' is' : 's are'} still working in the book. The kill sweep
          did not reach {others === 1 ? 'it' : 'them'}: cancel in the orders table and check the
          venue.
        </p>
      )}
    </>
  );
}
