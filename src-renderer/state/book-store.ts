import { create } from 'zustand';
import type { BookValuation, MarketView } from '../../src-shared/contract/execution';
import type { OrderView } from '../../src-shared/domain/order';

interface BookState {
  orders: readonly OrderView[];
  /**
   * The engine's latest valuation of the book (bookMarked): the one source of the positions
   * table, the top bar's equity and the risk gauges, so they can never disagree.
   */
  valuation: BookValuation | null;
  /** Tradable markets by symbol, for prices and sizes at the venue's precision. */
  markets: Readonly<Record<string, MarketView>>;
  /** Time of the book's newest fill (market time), null when it has none: reports start there. */
  lastFillAt: number | null;
  loadError: string | null;
  setLastFillAt(at: number | null): void;
  setOrders(orders: readonly OrderView[]): void;
  upsertOrder(order: OrderView): void;
  setValuation(valuation: BookValuation): void;
  setMarkets(markets: readonly MarketView[]): void;
  setLoadError(message: string | null): void;
}

/** Orders, positions and money exactly as the engine's executor and ledger reported them. */
export const useBookStore = create<BookState>()((set) => ({
  orders: [],
  valuation: null,
  markets: {},
  lastFillAt: null,
  loadError: null,
  setLastFillAt: (lastFillAt) =>
    set((s) =>
      lastFillAt !== null && s.lastFillAt !== null && s.lastFillAt > lastFillAt
        ? {}
        : { lastFillAt },
    ),
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
  // Replies and events share one ordered channel, so the last one to arrive is the newest.
  setValuation: (valuation) => set({ valuation }),
  setMarkets: (markets) => set({ markets: Object.fromEntries(markets.map((m) => [m.symbol, m])) }),
  setLoadError: (loadError) => set({ loadError }),
}));
