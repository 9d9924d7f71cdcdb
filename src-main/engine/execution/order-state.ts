import { FINAL_ORDER_STATES, type OrderState } from '../../../src-shared/domain/order';

/**
 * The one order state machine. Every state change in the engine goes through `transition`,
 * and an edge not listed here throws. Self-edges are listed only where they carry meaning
 * (another partial fill; a partial fill while a cancel is pending).
 */
export const LEGAL_TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  // Never sent: it may be sent, refused before sending, or dropped before sending.
  INTENT: ['SUBMITTED', 'REJECTED', 'CANCELED'],
  // Sent, no ack: any venue outcome may arrive; EXPIRED when the venue never saw it.
  SUBMITTED: [
    'OPEN',
    'PARTIALLY_FILLED',
    'FILLED',
    'CANCEL_PENDING',
    'CANCELED',
    'REJECTED',
    'EXPIRED',
  ],
  OPEN: ['PARTIALLY_FILLED', 'FILLED', 'CANCEL_PENDING', 'CANCELED', 'EXPIRED'],
  PARTIALLY_FILLED: ['PARTIALLY_FILLED', 'FILLED', 'CANCEL_PENDING', 'CANCELED', 'EXPIRED'],
  // A cancel can lose the race to a fill, or be refused (the order is then live again). When
  // the cancel was asked for a SUBMITTED order, the venue's answer may turn out a reject.
  CANCEL_PENDING: [
    'CANCEL_PENDING',
    'OPEN',
    'PARTIALLY_FILLED',
    'FILLED',
    'CANCELED',
    'REJECTED',
    'EXPIRED',
  ],
  FILLED: [],
  CANCELED: [],
  REJECTED: [],
  EXPIRED: [],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly clientOrderId: string,
    readonly from: OrderState,
    readonly to: OrderState,
  ) {
    super(`order ${clientOrderId}: illegal state transition ${from} -> ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function isLegalTransition(from: OrderState, to: OrderState): boolean {
  return LEGAL_TRANSITIONS[from].includes(to);
}

/** Returns `to` when the edge is legal, else throws IllegalTransitionError. */
export function transition(clientOrderId: string, from: OrderState, to: OrderState): OrderState {
  if (!isLegalTransition(from, to)) throw new IllegalTransitionError(clientOrderId, from, to);
  return to;
}

export function isFinalState(state: OrderState): boolean {
  return FINAL_ORDER_STATES.has(state);
}

/** States in which the order may still fill at the venue. */
export function isLiveAtVenue(state: OrderState): boolean {
  return (
    state === 'SUBMITTED' ||
    state === 'OPEN' ||
    state === 'PARTIALLY_FILLED' ||
    state === 'CANCEL_PENDING'
  );
}
