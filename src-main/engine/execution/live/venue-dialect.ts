import type { Exchange, Order, Trade } from 'ccxt';
import type { OrderTerms, SubmitRequest } from '../broker';

/** The exchange's own refusal inside a ccxt error: its code and message. */
export interface VenueReject {
  readonly code: number;
  readonly msg: string;
}

/**
 * A push matched to a client id (ours, or a foreign one reconciliation reports), one the push
 * alone cannot place (an order a fired OKX stop placed: REST resolves it), or nothing.
 */
export type StreamMatch = { readonly clientOrderId: string } | { readonly needsRest: true } | null;

/** One of our orders as the live order log knows it: enough to find it at the exchange. */
export interface OrderRef {
  readonly clientOrderId: string;
  readonly symbol: string;
  /** The exchange's id, once an answer carried it. */
  readonly venueOrderId: string | null;
  /** The exchange-side list (OCO) the order is a leg of, once known. */
  readonly listId: string | null;
  /** What we sent (null for an order this database never wrote). */
  readonly terms: OrderTerms | null;
}

/**
 * How one exchange's private API is driven through ccxt where ccxt's unified calls differ
 * between exchanges: which params carry our client id, how an order is looked up, cancelled
 * and listed (stops included, wherever the exchange keeps them), how an exit pair rests as one
 * one-cancels-other, and how the exchange words a refusal. The live broker talks to the
 * exchange only through these, so no `if (exchange === ...)` is needed anywhere.
 */
export interface LiveDialect {
  /**
   * The exchange's answer to a new order carries its state (Binance: FILLED for a market
   * order that filled). OKX answers only that it accepted the order: the state is looked up.
   */
  readonly ackHasState: boolean;
  /** Client options set once the markets are loaded. */
  prepare(exchange: Exchange): void;
  /** Params of a new order besides ccxt's unified ones (our client id in the exchange's field). */
  orderParams(request: SubmitRequest): Record<string, string>;
  /** The exchange's code and message at the end of a ccxt error message, when there. */
  rejectOf(message: string): VenueReject | null;
  fetchOrder(exchange: Exchange, ref: OrderRef): Promise<Order>;
  /** Cancels one order and answers its state after the cancel. */
  cancelOrder(exchange: Exchange, ref: OrderRef): Promise<Order>;
  /** Cancels everything resting in one market (stops included): what it cancelled. */
  cancelAll(exchange: Exchange, symbol: string): Promise<Order[]>;
  /** Every open order, resting stops included, each under its client id. */
  openOrders(exchange: Exchange, symbol?: string): Promise<Order[]>;
  /** The trades that filled one of our orders. */
  orderTrades(exchange: Exchange, ref: OrderRef): Promise<Trade[]>;
  /** Both exits of a bracket as one exchange-side OCO; null where the exchange has none. */
  readonly placeOco:
    | ((
        exchange: Exchange,
        stop: SubmitRequest,
        target: SubmitRequest,
        stopLimit: string,
      ) => Promise<{ stop: Order; target: Order }>)
    | null;
  /** The OCO list an accepted order belongs to, from the exchange's answer. */
  listIdOf(order: Order): string | null;
  /** Whose order a push on the user stream is about (a trade is first matched by order id). */
  streamMatch(pushed: Order | Trade): StreamMatch;
  /** A trade pushed on the user stream, as the REST path parses the same trade. */
  streamTrade(trade: Trade): Trade;
}
