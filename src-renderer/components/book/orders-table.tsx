import type { ReactElement } from 'react';
import { FINAL_ORDER_STATES, type OrderView } from '../../../src-shared/domain/order';
import { formatShortUtc, formatUtc } from '../../format';
import { useBookStore } from '../../state/book-store';
import { priceText, qtyText, type Markets } from '../../view/market-format';
import { readableReason } from '../../view/venue-reason';
import { EmptyState } from '../layout/empty-state';

const ROLE = { entry: 'Entry', 'stop-loss': 'SL', 'take-profit': 'TP' } as const;
const ROLE_WORDS = {
  entry: 'entry',
  'stop-loss': 'stop-loss',
  'take-profit': 'take-profit',
  none: 'order',
} as const;
/** Short state words so the column stays narrow; the reason is in the tooltip. */
const STATE: Readonly<Record<OrderView['state'], string>> = {
  INTENT: 'INTENT',
  SUBMITTED: 'SENT',
  OPEN: 'OPEN',
  PARTIALLY_FILLED: 'PARTIAL',
  FILLED: 'FILLED',
  CANCEL_PENDING: 'CANCELING',
  CANCELED: 'CANCELED',
  REJECTED: 'REJECTED',
  EXPIRED: 'EXPIRED',
};
const TYPE = { market: 'Market', limit: 'Limit', 'stop-market': 'Stop', 'stop-limit': 'Stop lim' };

function orderPrice(o: OrderView, markets: Markets): string {
  const price = o.type === 'stop-market' ? o.stopPrice : (o.price ?? o.stopPrice);
  return price === null ? 'market' : priceText(markets, o.symbol, price);
}

/**
 * Newest first, with the time (feed clock), the bracket role (Entry / SL / TP), the price
 * asked and the average fill price; why an order ended is under its state.
 */
export function OrdersTable(props: {
  onCancel?: (clientOrderId: string) => void;
  onCancelAll?: () => void;
}): ReactElement {
  const orders = useBookStore((s) => s.orders);
  const markets = useBookStore((s) => s.markets);
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
        <table className="grid-table book-table" data-testid="orders-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Symbol</th>
              <th>Side</th>
              <th title="Bracket role: entry, stop-loss (SL) or take-profit (TP)">Role</th>
              <th>Type</th>
              <th className="num" title="Quantity; filled / ordered while partly filled">
                Qty
              </th>
              <th className="num">Price</th>
              <th className="num">Fill price</th>
              <th>State</th>
              <th>
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => {
              const reason = o.reason === null ? null : readableReason(o.reason);
              return (
                <tr
                  key={o.clientOrderId}
                  data-testid="order-row"
                  data-state={o.state}
                  data-role={o.bracketRole ?? ''}
                  data-symbol={o.symbol}
                >
                  <td className="muted" title={formatUtc(o.createdAt)}>
                    {formatShortUtc(o.createdAt)}
                  </td>
                  <td className="sym">{o.symbol}</td>
                  <td className={o.side === 'buy' ? 'tone-good' : 'tone-bad'}>
                    {o.side.toUpperCase()}
                  </td>
                  <td data-testid="order-role">
                    {o.bracketRole === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <span className={`role role-${o.bracketRole}`}>{ROLE[o.bracketRole]}</span>
                    )}
                    {o.reduceOnly && o.bracketRole === null && (
                      <span className="muted small" title="Reduce-only: can only shrink a position">
                        {' '}
                        RO
                      </span>
                    )}
                  </td>
                  <td>{TYPE[o.type]}</td>
                  <td className="num">
                    {o.state === 'PARTIALLY_FILLED'
                      ? `${qtyText(o.filledQty)} / ${qtyText(o.qty)}`
                      : qtyText(o.qty)}
                  </td>
                  <td className="num">{orderPrice(o, markets)}</td>
                  <td className="num" data-testid="order-fill-price">
                    {o.avgFillPrice === null ? '—' : priceText(markets, o.symbol, o.avgFillPrice)}
                  </td>
                  <td
                    className={`order-state state-${o.state.toLowerCase()}`}
                    title={reason ?? undefined}
                  >
                    {STATE[o.state]}
                    {reason !== null && (
                      <span className="reason-mark" aria-hidden="true">
                        i
                      </span>
                    )}
                    {reason !== null && <div className="reason small">{reason}</div>}
                  </td>
                  <td>
                    {!FINAL_ORDER_STATES.has(o.state) && (
                      <button
                        type="button"
                        className="icon-button"
                        data-testid="cancel-order"
                        aria-label={`Cancel ${o.side} ${o.symbol} ${ROLE_WORDS[o.bracketRole ?? 'none']}`}
                        title="Cancel this order"
                        disabled={props.onCancel === undefined}
                        onClick={() => props.onCancel?.(o.clientOrderId)}
                      >
                        ✕
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
