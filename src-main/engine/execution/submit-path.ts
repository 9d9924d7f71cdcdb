import {
  BrokerDuplicateIdError,
  BrokerNotSentError,
  ExecutorStoppedError,
  VenueRejectError,
} from './broker-errors';
import type { ExecutorCore } from './executor-core';
import { isFinalState } from './order-state';
import type { OrderRow } from './order-store';
import type { VenueOrder } from './broker';
import { rowToRequest, toSubmitRequest } from './venue-mapping';

/**
 * Sends an INTENT: the gate is asked again (a kill may have come since), and INTENT ->
 * SUBMITTED is written before the call leaves the process.
 */
export async function sendIntent(
  core: ExecutorCore,
  clientOrderId: string,
  actor: string,
  resumed: boolean,
): Promise<void> {
  let row = core.orders.require(clientOrderId);
  if (row.state !== 'INTENT') return;
  const decision = core.gate()(rowToRequest(row), {
    bookId: core.bookId,
    actor,
    bracketRole: row.bracket_role,
    resumed,
    clientOrderId,
  });
  if (!decision.approved) {
    core.changeState(clientOrderId, 'REJECTED', `gate: ${decision.reason}`, actor);
    return;
  }
  row = core.changeState(clientOrderId, 'SUBMITTED', null, actor);
  core.probe('exec.submitted.before-send');
  core.sending.add(clientOrderId);
  try {
    await submitWithRetries(core, row, actor);
  } finally {
    core.sending.delete(clientOrderId);
  }
}

/**
 * The submit call itself: retried (same id) only when it definitely never left; an unclear
 * outcome is resolved by asking the venue for that id, never by sending again.
 */
async function submitWithRetries(core: ExecutorCore, row: OrderRow, actor: string): Promise<void> {
  const clientOrderId = row.client_order_id;
  for (let attempt = 1; ; attempt += 1) {
    core.orders.bumpAttempts(row);
    try {
      const ack = await core.venue(core.broker.submit(toSubmitRequest(row)), 'submit');
      core.probe('exec.ack.received');
      if (await ackOutdated(core, clientOrderId, ack, actor)) return;
      core.applyVenueOrder(ack, actor);
      // A cancel asked for while the submit was in flight (e.g. a kill) could not reach an
      // order the venue did not have yet: now that it has it, cancel it (same client id).
      const live = ack.status === 'OPEN' || ack.status === 'PARTIALLY_FILLED';
      if (live && core.orders.require(clientOrderId).state === 'CANCEL_PENDING') {
        await core.cancel(clientOrderId, actor);
      }
      return;
    } catch (error) {
      if (error instanceof ExecutorStoppedError) throw error;
      if (error instanceof VenueRejectError) {
        await onReject(core, clientOrderId, actor, error);
        return;
      }
      if (error instanceof BrokerNotSentError && attempt < core.maxSendAttempts) {
        const backoff = core.baseBackoffMs * 2 ** (attempt - 1);
        await core.sleep(backoff * (0.5 + core.random() / 2));
        continue;
      }
      if (error instanceof BrokerNotSentError) {
        if (isFinalState(core.orders.require(clientOrderId).state)) return;
        core.changeState(
          clientOrderId,
          'EXPIRED',
          `never reached the venue: ${error.message}`,
          actor,
        );
        return;
      }
      core.audit.append({
        kind: 'order.unknown-outcome',
        actor,
        payload: { clientOrderId, error: error instanceof Error ? error.message : String(error) },
      });
      await core.resolveByQuery(clientOrderId, actor);
      return;
    }
  }
}

/**
 * An acknowledgement saying the order rests, for an order already final here: the answer to
 * its placement came back after the venue's own later word (its stream said CANCELED, a kill
 * cancelled the order meanwhile). The venue is asked what holds now; when it agrees with the
 * final state, the acknowledgement was old news (audited), else the disagreement is real and
 * reported as such. Returns whether the acknowledgement was dealt with here.
 */
async function ackOutdated(
  core: ExecutorCore,
  clientOrderId: string,
  ack: VenueOrder,
  actor: string,
): Promise<boolean> {
  const local = core.orders.require(clientOrderId).state;
  if (!isFinalState(local) || (ack.status !== 'OPEN' && ack.status !== 'PARTIALLY_FILLED'))
    return false;
  const now = (await core.query(clientOrderId))?.venue ?? null;
  if (now !== null && now.status === local) {
    core.audit.append({
      kind: 'order.ack_outdated',
      actor,
      payload: { clientOrderId, acknowledged: ack.status, venueNow: now.status },
    });
    return true;
  }
  // Unconfirmed (the venue could not be asked) or truly different: the anomaly path says so.
  core.applyVenueOrder(now ?? ack, actor);
  return true;
}

async function onReject(
  core: ExecutorCore,
  clientOrderId: string,
  actor: string,
  error: VenueRejectError,
): Promise<void> {
  if (error instanceof BrokerDuplicateIdError) {
    // The venue already has this id: an earlier attempt did arrive. Ask, do not send.
    await core.resolveByQuery(clientOrderId, actor);
  } else if (isFinalState(core.orders.require(clientOrderId).state)) {
    core.anomaly(clientOrderId, actor, `late reject: ${error.message}`);
  } else {
    core.changeState(clientOrderId, 'REJECTED', error.message, actor);
  }
}
