import type { VigilClient } from '../../src-shared/contract/client';
import type { OrderRequestInput } from '../../src-shared/domain/order';
import { readableReason } from '../view/venue-reason';
import { useBookStore } from './book-store';
import { errorText } from './error-text';
import { useToastStore } from './toast-store';

/** Places an order; a refusal (gate, venue or validation) is returned as text for the ticket. */
export async function placeOrder(
  client: VigilClient,
  request: OrderRequestInput,
): Promise<string | null> {
  try {
    const order = await client.call('placeOrder', request);
    useBookStore.getState().upsertOrder(order);
    return order.state === 'REJECTED'
      ? `Rejected: ${order.reason === null ? 'no reason given' : readableReason(order.reason)}`
      : null;
  } catch (error) {
    return errorText(error);
  }
}

export async function cancelOrder(client: VigilClient, clientOrderId: string): Promise<void> {
  try {
    useBookStore.getState().upsertOrder(await client.call('cancelOrder', { clientOrderId }));
  } catch (error) {
    useToastStore.getState().push('error', 'Cancel failed', errorText(error));
  }
}

export async function cancelAllOrders(client: VigilClient): Promise<void> {
  const toast = useToastStore.getState();
  try {
    const result = await client.call('cancelAllOrders', {});
    const { orders } = await client.call('listOrders', { open: false, limit: 200 });
    useBookStore.getState().setOrders(orders);
    if (result.stillOpen.length > 0) {
      toast.push(
        'error',
        'Cancel all: orders still open',
        `${result.stillOpen.length} order(s) still open at the venue`,
      );
    } else {
      toast.push('info', 'Cancel all', `${result.canceled} order(s) canceled`);
    }
  } catch (error) {
    toast.push('error', 'Cancel all failed', errorText(error));
  }
}

/**
 * Closes a position: the engine cancels its working exits, then sends a reduce-only market
 * order of its full size. It goes through the same gate as any order (reduce-only orders are
 * allowed while PAUSED, REDUCING and HALTED).
 */
export async function closePosition(client: VigilClient, symbol: string): Promise<void> {
  const toast = useToastStore.getState();
  try {
    const { close } = await client.call('closePosition', { symbol });
    useBookStore.getState().upsertOrder(close);
    if (close.state === 'REJECTED')
      toast.push(
        'rejection',
        `Close ${symbol} refused`,
        close.reason === null ? 'no reason given' : readableReason(close.reason),
      );
  } catch (error) {
    toast.push('rejection', `Close ${symbol} refused`, errorText(error));
  }
}
