import type { ReactElement } from 'react';
import { cancelAllOrders, cancelOrder, closePosition } from '../../state/book-actions';
import { useBookStore } from '../../state/book-store';
import { useClient } from '../../state/client-context';
import { OrdersTable } from './orders-table';
import { PositionsTable } from './positions-table';

/** Positions at mark over the orders of the active book; the ticket sits in the side column. */
export function BookPanel(): ReactElement {
  const client = useClient();
  const loadError = useBookStore((s) => s.loadError);
  return (
    <div className="book-panel">
      {loadError !== null && (
        <p className="tone-bad small" role="alert">
          {loadError}
        </p>
      )}
      <section aria-label="Positions">
        <h3 className="sub-title">Positions</h3>
        <PositionsTable onClose={(symbol) => void closePosition(client, symbol)} />
      </section>
      <section aria-label="Orders">
        <h3 className="sub-title">Orders</h3>
        <OrdersTable
          onCancel={(id) => void cancelOrder(client, id)}
          onCancelAll={() => void cancelAllOrders(client)}
        />
      </section>
    </div>
  );
}
