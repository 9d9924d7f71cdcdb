import type { OrderSide, OrderType, TimeInForce } from '../../../src-shared/domain/order';
import type { OrderTerms } from './broker';

/** The columns every order table shares: our order rows and the paper venue's own rows. */
export interface OrderTermsRow {
  readonly client_order_id: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly qty: string;
  readonly price: string | null;
  readonly stop_price: string | null;
  readonly time_in_force: TimeInForce;
  readonly reduce_only: number;
}

/** An order's own terms, as stored, in the shape the port and the contract use. */
export function orderTermsOf(row: OrderTermsRow): OrderTerms {
  return {
    clientOrderId: row.client_order_id,
    symbol: row.symbol,
    side: row.side,
    type: row.type,
    qty: row.qty,
    price: row.price,
    stopPrice: row.stop_price,
    timeInForce: row.time_in_force,
    reduceOnly: row.reduce_only === 1,
  };
}
