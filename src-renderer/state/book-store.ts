import { create } from 'zustand';
import type { EquitySample, OrderView, PositionView } from '../../src-shared/domain/order';

/** The ledger's own totals for the active book (getBalances.ledger). */
export interface LedgerTotals {
  readonly quoteAsset: string;
  readonly startingBalance: string;
  readonly cash: string;
  readonly realizedPnl: string;
  readonly fees: string;
  readonly positionsCost: string;
}

interface BookState {
  orders: readonly OrderView[];
  positions: readonly PositionView[];
  totals: LedgerTotals | null;
  equity: EquitySample | null;
  loadError: string | null;
  setOrders(orders: readonly OrderView[]): void;
  upsertOrder(order: OrderView): void;
  setPositions(positions: readonly PositionView[]): void;
  setTotals(totals: LedgerTotals): void;
  setEquity(sample: EquitySample): void;
  setLoadError(message: string | null): void;
}

/** Orders, positions and money exactly as the engine's executor and ledger reported them. */
export const useBookStore = create<BookState>()((set) => ({
  orders: [],
  positions: [],
  totals: null,
  equity: null,
  loadError: null,
  setOrders: (orders) => set({ orders }),
  upsertOrder: (order) =>
    set((s) => {
      // Newest placed first, as the engine lists them. Not by createdAt: that is market time,
      // and a rewound replay places new orders at earlier times than old ones.
      const at = s.orders.findIndex((o) => o.clientOrderId === order.clientOrderId);
      if (at === -1) return { orders: [order, ...s.orders] };
      const orders = [...s.orders];
      orders[at] = order;
      return { orders };
    }),
  setPositions: (positions) => set({ positions }),
  setTotals: (totals) => set({ totals }),
  setEquity: (equity) => set({ equity }),
  setLoadError: (loadError) => set({ loadError }),
}));
