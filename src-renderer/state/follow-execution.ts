import type { VigilClient } from '../../src-shared/contract/client';
import { fillToast, lateOrderToast, orderRejectionToast } from '../view/book-toasts';
import { useBookStore } from './book-store';
import { useEngineStore } from './engine-store';
import { errorText } from './error-text';
import { useToastStore } from './toast-store';
import { useTradingStore } from './trading-store';

/**
 * Loads orders, markets and the book's valuation on connect and when the active book changes,
 * then follows order events and bookMarked: the engine revalues the book on every mark, so
 * nothing here polls.
 */
export function followExecution(client: VigilClient): () => void {
  const book = useBookStore.getState();
  const toast = useToastStore.getState();
  const failed = (what: string) => (error: unknown) =>
    book.setLoadError(`${what}: ${errorText(error)}`);
  const refresh = (): void => {
    client
      .call('listOrders', { open: false, limit: 200 })
      .then(({ orders }) => book.setOrders(orders), failed('Orders'));
    client
      .call('listMarkets', {})
      .then(({ markets }) => book.setMarkets(markets), failed('Markets'));
    client.call('getBookValuation', {}).then(book.setValuation, failed('Positions'));
    client
      .call('listFills', { limit: 1 })
      .then(({ fills }) => book.setLastFillAt(fills.at(-1)?.at ?? null), failed('Fills'));
  };
  const offs = [
    client.on('orderUpdated', (order) => {
      useBookStore.getState().upsertOrder(order);
      // Gate refusals also arrive as riskRejected (with the numbers), which makes the toast;
      // only venue-side rejections are toasted from here.
      if (order.state === 'REJECTED' && order.reason?.startsWith('gate:') !== true) {
        const t = orderRejectionToast(order);
        toast.push('rejection', t.title, t.body);
      }
    }),
    client.on('orderArrivedLate', (order) => {
      useBookStore.getState().upsertOrder(order);
      const halted = useEngineStore.getState().status?.controlMode === 'HALTED';
      const t = lateOrderToast(order, halted, useBookStore.getState().markets);
      toast.push('rejection', t.title, t.body);
    }),
    client.on('fillRecorded', (fill) => {
      useBookStore.getState().setLastFillAt(fill.at);
      const t = fillToast(fill, useBookStore.getState().markets);
      toast.push('fill', t.title, t.body);
    }),
    client.on('bookMarked', (valuation) => useBookStore.getState().setValuation(valuation)),
    useEngineStore.subscribe((state, previous) => {
      if (state.connection === 'open' && previous.connection !== 'open') refresh();
    }),
    // Orders and the valuation are the active book's: when new orders go to another book
    // (LIVE back to PAPER), the tables load that book's, never keep showing the other's.
    useTradingStore.subscribe((state, previous) => {
      const was = previous.status?.bookId;
      if (was !== undefined && state.status !== null && state.status.bookId !== was) refresh();
    }),
  ];
  if (useEngineStore.getState().connection === 'open') refresh();
  return () => offs.forEach((off) => off());
}
