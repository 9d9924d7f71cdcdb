import type { ReactElement } from 'react';
import { FINAL_ORDER_STATES } from '../../../src-shared/domain/order';
import { useBookStore } from '../../state/book-store';
import { useEngineStore } from '../../state/engine-store';

/**
 * While HALTED, the book's own order list must agree with the kill sweep. If orders are still
 * working in the book, say so loudly: a "0 left" from the sweep must never hide them.
 */
export function BookCrossCheck(): ReactElement | null {
  const halted = useEngineStore((s) => s.status?.controlMode === 'HALTED');
  const working = useBookStore(
    (s) => s.orders.filter((o) => !FINAL_ORDER_STATES.has(o.state)).length,
  );
  if (!halted || working === 0) return null;
  return (
    <p className="cross-check" role="alert" data-testid="kill-cross-check">
      {working} order{working === 1 ? ' is' : 's are'} still working in the book. The kill sweep did
      not reach {working === 1 ? 'it' : 'them'}: cancel in the orders table and check the venue.
    </p>
  );
}
