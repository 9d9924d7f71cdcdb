import type { ExecutionService } from '../execution/execution-service';
import { orderWords } from '../execution/unknown-outcome-chase';
import { brokerKillVenue } from './broker-kill-venue';
import type { KillVenue, VenueOpenOrder, VenuePosition } from './kill-venue';

/** The actor of the kill's closing orders; the risk gate lets reduce-only orders of it pass in HALTED. */
export const KILL_ACTOR = 'system:kill';

/**
 * The kill switch's port on the execution core: listing and cancelling go straight to the
 * venue (the executor follows through the venue's events), while closing orders go through
 * the executor, so they are write-ahead intents like every other order and their fills land in
 * the ledger. The kill's id for each closing order is the executor's request key, which tags
 * it in later listings (so a restart does not cancel its own flatten).
 */
export function executionKillVenue(
  execution: Pick<ExecutionService, 'broker' | 'executor'>,
): KillVenue {
  const direct = brokerKillVenue(execution.broker);
  const tagOf = (clientOrderId: string): string | undefined =>
    execution.executor.orders.byClientId(clientOrderId)?.request_key ?? undefined;
  return {
    name: direct.name,
    async openOrders(): Promise<readonly VenueOpenOrder[]> {
      const orders = await direct.openOrders();
      return orders.map((o) => {
        const tag = tagOf(o.id);
        return tag === undefined ? o : { ...o, killTag: tag };
      });
    },
    cancelOrder: (order) => direct.cancelOrder(order),
    ...(direct.cancelSymbol === undefined ? {} : { cancelSymbol: direct.cancelSymbol }),
    positions: () => direct.positions(),
    sendsInFlight: () => execution.executor.sendsInFlight(),
    sendsSettled: () => execution.executor.sendsSettled(),
    chaseUnknownOutcomes: (tracked) => execution.executor.chaseUnknownOutcomes(KILL_ACTOR, tracked),
    unknownOutcomeOrders: () => execution.executor.unknownOutcomeOrders(),
    onLateArrival: (listener) =>
      execution.executor.observe({
        lateArrival: (view) =>
          listener({
            clientOrderId: view.clientOrderId,
            symbol: view.symbol,
            side: view.side,
            qty: view.qty,
            words: orderWords(execution.executor.orders.require(view.clientOrderId)),
          }),
      }),
    async closePosition(position: VenuePosition, killId: string): Promise<void> {
      const text = position.exactQty ?? String(Math.abs(position.qty));
      const order = await execution.executor.place(
        {
          symbol: position.symbol,
          side: position.qty > 0 ? 'sell' : 'buy',
          type: 'market',
          qty: text.startsWith('-') ? text.slice(1) : text,
          timeInForce: 'IOC',
          reduceOnly: true,
          requestKey: killId.slice(0, 64),
        },
        KILL_ACTOR,
      );
      if (order.state === 'REJECTED')
        throw new Error(`closing ${position.symbol} refused: ${order.reason ?? 'no reason given'}`);
    },
  };
}
