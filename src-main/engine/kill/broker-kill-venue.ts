import type { Broker } from '../execution/broker';
import { BrokerUnknownOrderError } from '../execution/broker-errors';
import type { KillVenue, VenueOpenOrder, VenuePosition } from './kill-venue';

/**
 * Adapts an execution Broker to the kill switch's port. Cancels go by client order id; an
 * "unknown order" reject means the order is already gone (filled or canceled), which is what
 * the kill wants. Closing orders are reduce-only market IOC orders sent straight to the venue:
 * the kill path does not wait on the executor's queue.
 */
export function brokerKillVenue(broker: Broker): KillVenue {
  return {
    name: broker.venue,
    async openOrders(): Promise<readonly VenueOpenOrder[]> {
      const orders = await broker.openOrders();
      return orders.map((o) => ({
        id: o.clientOrderId,
        symbol: o.symbol,
        side: o.side,
        qty: Number(o.qty),
        type: o.type,
      }));
    },
    async cancelOrder(order: VenueOpenOrder): Promise<void> {
      try {
        await broker.cancel(order.id, order.symbol);
      } catch (error) {
        if (error instanceof BrokerUnknownOrderError) return;
        throw error;
      }
    },
    async cancelSymbol(symbol: string): Promise<void> {
      await broker.cancelAll(symbol);
    },
    async positions(): Promise<readonly VenuePosition[]> {
      const held = await broker.positions();
      return held.map((p) => ({ symbol: p.symbol, qty: Number(p.qty), exactQty: p.qty }));
    },
    async closePosition(position: VenuePosition, clientOrderId: string): Promise<void> {
      const text = position.exactQty ?? String(Math.abs(position.qty));
      await broker.submit({
        clientOrderId: clientOrderId.slice(0, broker.maxClientOrderIdLength),
        symbol: position.symbol,
        side: position.qty > 0 ? 'sell' : 'buy',
        type: 'market',
        qty: text.startsWith('-') ? text.slice(1) : text,
        price: null,
        stopPrice: null,
        timeInForce: 'IOC',
        reduceOnly: true,
        ocoGroup: null,
      });
    },
  };
}
