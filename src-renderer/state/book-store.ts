import { create } from 'zustand';
import type { OrderView, PositionView } from '../../src-shared/domain/order';

interface BookState {
  orders: readonly OrderView[];
  positions: readonly PositionView[];
  setOrders(orders: readonly OrderView[]): void;
  upsertOrder(order: OrderView): void;
  setPositions(positions: readonly PositionView[]): void;
}

/** Orders and positions exactly as the engine's ledger reported them. */
export const useBookStore = create<BookState>()((set) => ({
  orders: [],
  positions: [],
  setOrders: (orders) => set({ orders }),
  upsertOrder: (order) =>
    set((s) => {
      const rest = s.orders.filter((o) => o.clientOrderId !== order.clientOrderId);
      return { orders: [order, ...rest] };
    }),
  setPositions: (positions) => set({ positions }),
}));
