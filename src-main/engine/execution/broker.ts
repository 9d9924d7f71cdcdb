import type {
  BookId,
  Liquidity,
  OrderSide,
  OrderType,
  TimeInForce,
} from '../../../src-shared/domain/order';

/**
 * The Broker port: the only way the executor talks to a venue. Paper, live (ccxt) and
 * backtest implement it. All quantities and prices are canonical decimal strings at the
 * market's precision; the venue, not the caller, is the authority on what is valid.
 */

/** Exchange precision, limits and fees of one market (as a live exchange publishes them). */
export interface MarketSpec {
  /** 'BTC/USDT' */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  /** Price increment, e.g. '0.01'. Prices must be a whole multiple. */
  readonly tickSize: string;
  /** Quantity increment, e.g. '0.00001'. Quantities must be a whole multiple. */
  readonly stepSize: string;
  readonly minQty: string;
  readonly maxQty: string;
  /** Smallest accepted price * qty, in quote. */
  readonly minNotional: string;
  /** Fee rates as fractions, e.g. '0.001' = 0.1%. */
  readonly makerFee: string;
  readonly takerFee: string;
  /**
   * 'spot' (the default): trading moves base and quote balances, a sell needs the base asset
   * held. 'perpetual': a contract settled in the quote; shorting needs no borrowed asset.
   */
  readonly kind?: 'spot' | 'perpetual';
  /** A spot pair the venue lends on (cross margin): shortable on an account set up for margin. */
  readonly marginAllowed?: boolean;
}

/** An order's own terms, the same on our side and at the venue. */
export interface OrderTerms {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly qty: string;
  readonly price: string | null;
  readonly stopPrice: string | null;
  readonly timeInForce: TimeInForce;
  readonly reduceOnly: boolean;
}

/** What the executor sends. The client order id was written to SQLite before this exists. */
export interface SubmitRequest extends OrderTerms {
  /** Orders with the same group are one-cancels-other at the venue (bracket exits). */
  readonly ocoGroup: string | null;
}

export type VenueOrderStatus =
  'OPEN' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'REJECTED' | 'EXPIRED';

/** An order as the venue knows it. */
export interface VenueOrder extends OrderTerms {
  readonly venueOrderId: string;
  readonly ocoGroup: string | null;
  readonly status: VenueOrderStatus;
  readonly filledQty: string;
  readonly avgFillPrice: string | null;
  /** Reject message, or why it was canceled/expired at the venue. */
  readonly reason: string | null;
  readonly updatedAt: number;
}

/** One execution at the venue; `fillId` is unique per venue account. */
export interface VenueFill {
  readonly fillId: string;
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly qty: string;
  readonly price: string;
  /** Fee in `feeAsset` (the asset the venue charged it in). */
  readonly fee: string;
  readonly feeAsset: string;
  readonly liquidity: Liquidity;
  readonly at: number;
}

export interface VenuePosition {
  readonly symbol: string;
  /** Signed base quantity. */
  readonly qty: string;
}

export interface VenueBalance {
  readonly asset: string;
  readonly total: string;
  readonly free: string;
}

/** Pushed by the venue: an order changed, or a fill happened. */
export type BrokerEvent =
  | { readonly kind: 'order'; readonly order: VenueOrder }
  | { readonly kind: 'fill'; readonly fill: VenueFill };

export type BrokerListener = (event: BrokerEvent) => void;

export interface Broker {
  /** Venue name, e.g. 'paper', 'binance'. */
  readonly venue: string;
  /** The ledger book this venue's fills belong to. */
  readonly bookId: BookId;
  /** Longest client order id the venue accepts; ids are made to fit. */
  readonly maxClientOrderIdLength: number;
  markets(): readonly MarketSpec[];
  /**
   * Sends a new order. Resolves with the venue's acknowledgement. Rejects with
   * VenueRejectError (definitely refused), BrokerNotSentError (definitely never reached the
   * venue: safe to retry with the same id) or BrokerUnknownOutcomeError (may or may not have
   * arrived: resolve with fetchOrder, never send again).
   */
  submit(request: SubmitRequest): Promise<VenueOrder>;
  /**
   * Cancels by client id (the symbol names the market: live venues look orders up per
   * market); BrokerUnknownOrderError if it is not open.
   */
  cancel(clientOrderId: string, symbol: string): Promise<VenueOrder>;
  /** Cancels every open order (of one symbol, or all); returns what was canceled. */
  cancelAll(symbol?: string): Promise<VenueOrder[]>;
  openOrders(symbol?: string): Promise<VenueOrder[]>;
  /** The venue's record for a client id, or null when the venue never saw that id. */
  fetchOrder(clientOrderId: string, symbol: string): Promise<VenueOrder | null>;
  /** Every fill of one order, in venue order. */
  fetchFills(clientOrderId: string, symbol: string): Promise<VenueFill[]>;
  positions(): Promise<VenuePosition[]>;
  balances(): Promise<VenueBalance[]>;
  /** Order updates and fills as they happen. Returns an unsubscribe function. */
  subscribe(listener: BrokerListener): () => void;
}
