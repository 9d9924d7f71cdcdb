import type { ReactElement } from 'react';
import { FINAL_ORDER_STATES } from '../../../src-shared/domain/order';
import { useBookStore } from '../../state/book-store';
import { readableReason } from '../../view/venue-reason';
import { EmptyState } from '../layout/empty-state';

/** Working orders first; rejections show the engine's reason verbatim (rule and numbers). */
export function OrdersTable(props: {
  onCancel?: (clientOrderId: string) => void;
  onCancelAll?: () => void;
}): ReactElement {
  const orders = useBookStore((s) => s.orders);
  const working = orders.filter((o) => !FINAL_ORDER_STATES.has(o.state));
  return (
    <div className="orders">
      <div className="table-actions">
        <span className="muted small">{working.length} working</span>
        <button
          type="button"
          data-testid="cancel-all"
          disabled={props.onCancelAll === undefined || working.length === 0}
          onClick={props.onCancelAll}
        >
          Cancel all
        </button>
      </div>
      {orders.length === 0 ? (
        <EmptyState text="No orders in this book." />
      ) : (
        <table className="grid-table" data-testid="orders-table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th>Side</th>
              <th>Type</th>
              <th className="num">Qty</th>
              <th className="num">Price</th>
              <th className="num">Filled</th>
              <th>State</th>
              <th>Reason</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.clientOrderId} data-testid="order-row" data-state={o.state}>
                <td>{o.symbol}</td>
                <td className={o.side === 'buy' ? 'tone-good' : 'tone-bad'}>
                  {o.side.toUpperCase()}
                </td>
                <td>{o.type}</td>
                <td className="num">{o.qty}</td>
                <td className="num">{o.price ?? o.stopPrice ?? 'market'}</td>
                <td className="num">{o.filledQty}</td>
                <td className={`order-state state-${o.state.toLowerCase()}`}>{o.state}</td>
                <td className="reason" title={o.reason ?? undefined}>
                  {o.reason === null ? '' : readableReason(o.reason)}
                </td>
                <td>
                  {!FINAL_ORDER_STATES.has(o.state) && (
                    <button
                      type="button"
                      data-testid="cancel-order"
                      disabled={props.onCancel === undefined}
                      onClick={() => props.onCancel?.(o.clientOrderId)}
                    >
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
