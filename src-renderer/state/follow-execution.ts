import type { VigilClient } from '../../src-shared/contract/client';
import { readableReason } from '../view/venue-reason';
import { useBookStore } from './book-store';
import { useEngineStore } from './engine-store';
import { errorText } from './error-text';
import { useToastStore } from './toast-store';

/** Loads orders, positions and totals on connect and follows order, fill and equity events. */
export function followExecution(client: VigilClient): () => void {
  const book = useBookStore.getState();
  const toast = useToastStore.getState();
  const failed = (what: string) => (error: unknown) =>
    book.setLoadError(`${what}: ${errorText(error)}`);
  const refreshMoney = (): void => {
    client
      .call('getPositions', {})
      .then(({ positions }) => book.setPositions(positions), failed('Positions'));
    client.call('getBalances', {}).then(({ ledger }) => book.setTotals(ledger), failed('Balances'));
  };
  const refresh = (): void => {
    client
      .call('listOrders', { open: false, limit: 200 })
      .then(({ orders }) => book.setOrders(orders), failed('Orders'));
    refreshMoney();
  };
  const offs = [
    client.on('orderUpdated', (order) => {
      useBookStore.getState().upsertOrder(order);
      // Gate refusals also arrive as riskRejected (with the numbers), which makes the toast;
      // only venue-side rejections are toasted from here.
      if (order.state === 'REJECTED' && order.reason?.startsWith('gate:') !== true) {
        toast.push(
          'rejection',
          `Order rejected: ${order.symbol}`,
          order.reason === null ? 'no reason given by the venue' : readableReason(order.reason),
        );
      }
    }),
    client.on('fillRecorded', (fill) => {
      toast.push(
        'fill',
        `Filled ${fill.side.toUpperCase()} ${fill.qty} ${fill.symbol}`,
        `at ${fill.price}, fee ${fill.fee} ${fill.feeAsset}`,
      );
      refreshMoney();
    }),
    client.on('equitySampled', (sample) => useBookStore.getState().setEquity(sample)),
    useEngineStore.subscribe((state, previous) => {
      if (state.connection === 'open' && previous.connection !== 'open') refresh();
    }),
  ];
  if (useEngineStore.getState().connection === 'open') refresh();
  return () => offs.forEach((off) => off());
}
