import type { ReactElement } from 'react';
import { cancelAllOrders, cancelOrder, closePosition } from '../../state/book-actions';
import { useBookStore } from '../../state/book-store';
import { useClient } from '../../state/client-context';
import { OrderTicket } from './order-ticket';
import { OrdersTable } from './orders-table';
import { PositionsTable } from './positions-table';

/** Positions, orders and the order ticket of the active book. */
export function BookPanel(): ReactElement {
  const client = useClient();
  const loadError = useBookStore((s) => s.loadError);
  return (
    <div className="book-panel">
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
      <section aria-label="New order">
        <h3 className="sub-title">New order</h3>
        <OrderTicket />
        {loadError !== null && <p className="tone-bad small">{loadError}</p>}
      </section>
    </div>
  );
}
