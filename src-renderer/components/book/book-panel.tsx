import type { ReactElement } from 'react';
import { OrdersTable } from './orders-table';
import { PositionsTable } from './positions-table';

/** Positions and orders side by side. Actions are wired once the execution contract exists. */
export function BookPanel(): ReactElement {
  return (
    <div className="book-panel">
      <section aria-label="Positions">
        <h3 className="sub-title">Positions</h3>
        <PositionsTable />
      </section>
      <section aria-label="Orders">
        <h3 className="sub-title">Orders</h3>
        <OrdersTable />
      </section>
    </div>
  );
}
