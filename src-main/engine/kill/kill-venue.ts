import type { UnknownOrderOutcome } from '../../../src-shared/contract/risk';
import type { OrderOfUnknownOutcome } from '../execution/unknown-outcome-chase';

/**
 * What the kill switch needs from a venue, and nothing more: list and cancel open orders
 * (including resting stops and bracket legs), list positions, close one with a reduce-only
 * market order. The execution core's brokers are adapted to this port (broker-kill-venue.ts); tests use an in-memory venue.
 */
export interface VenueOpenOrder {
  readonly id: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  /** 'limit', 'stop', 'take-profit', ... as the venue names it; the kill cancels them all. */
  readonly type: string;
  /** The id the kill gave a closing order, when the venue's id is someone else's (the executor's). */
  readonly killTag?: string;
}

/** An order recorded as never placed that the venue took in after all (see onLateArrival). */
export interface LateOrder {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  /** "buy 0.01 BTC/USDT limit at 50000 (client id …)". */
  readonly words: string;
}

export interface VenuePosition {
  readonly symbol: string;
  /** Signed: long > 0, short < 0. */
  readonly qty: number;
  /** The venue's exact quantity text (signed), when it has one; closing orders use it as is. */
  readonly exactQty?: string;
}

export interface KillVenue {
  readonly name: string;
  openOrders(): Promise<readonly VenueOpenOrder[]>;
  cancelOrder(order: VenueOpenOrder): Promise<void>;
  /**
   * Cancels every open order of one market in one request, where the venue has that (Binance
   * `DELETE /api/v3/openOrders`): a kill over many orders then costs one call per market
   * instead of one per order.
   */
  cancelSymbol?(symbol: string): Promise<void>;
  positions(): Promise<readonly VenuePosition[]>;
  /** Market order, reduce-only, for the whole position, tagged with the kill's id for it. */
  closePosition(position: VenuePosition, clientOrderId: string): Promise<void>;
  /**
   * Orders on their way to the venue right now (a bracket's exits sent as its entry filled):
   * the venue may not list them yet, so its "no open orders" cannot be trusted while any is.
   * Venues without an executor in front of them leave these out (nothing in flight).
   */
  sendsInFlight?(): number;
  /** Resolves once every order on its way has the venue's answer (bounded by its timeout). */
  sendsSettled?(): Promise<void>;
  /**
   * Orders whose placement answer was lost (a timeout: the venue may take them in later),
   * with `tracked` (those an earlier pass left unresolved): each asked for by its client id,
   * cancelled when found resting, and reported. The venue's "no open orders" says nothing of
   * an order it has not taken in yet, so the kill is not done while one is unresolved.
   */
  chaseUnknownOutcomes?(tracked: readonly string[]): Promise<readonly UnknownOrderOutcome[]>;
  /**
   * The orders whose outcome is unknown right now. Asked at the end of a pass: a send whose
   * answer was lost after the chase looked (it skips orders still being sent) is not in the
   * chase, and the venue cannot list it, so only this tells the pass. Asked by re-arm too: the
   * venue may still take such an order in, so HALTED stays while one is unknown.
   */
  unknownOutcomeOrders?(): readonly OrderOfUnknownOutcome[];
  /**
   * Tells `listener` of each order the venue shows after it was recorded as never placed (its
   * placement answer was lost and the kill's grace ended before the venue took it in): while
   * HALTED the kill reopens to cancel it. Returns the unsubscribe.
   */
  onLateArrival?(listener: (order: LateOrder) => void): () => void;
}
