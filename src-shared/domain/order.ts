import { z } from 'zod';

/**
 * The order model shared by the engine, the contract and the UI. Quantities and prices are
 * canonical decimal strings (exact); the engine converts them to scaled integers at the
 * market's precision.
 */

/** Digits a price or quantity may have before the point: far beyond any real one. */
export const MAX_DECIMAL_INTEGER_DIGITS = 15;
/** Digits after the point: the ledger's exact scale (QTY_SCALE / PRICE_SCALE). */
export const MAX_DECIMAL_FRACTION_DIGITS = 12;

/**
 * A non-negative decimal string, bounded in length and magnitude at the schema: a 400-digit
 * quantity would become Infinity on its way through the risk gate, and a 900k-digit one costs
 * the main thread (which carries the kill switch) real time to parse.
 */
export const DecimalTextSchema = z
  .string()
  .max(MAX_DECIMAL_INTEGER_DIGITS + 1 + MAX_DECIMAL_FRACTION_DIGITS, {
    message: `must be at most ${MAX_DECIMAL_INTEGER_DIGITS + 1 + MAX_DECIMAL_FRACTION_DIGITS} characters`,
    // One message is enough, and the pattern never runs over a megabyte of digits.
    abort: true,
  })
  .regex(
    new RegExp(`^\\d{1,${MAX_DECIMAL_INTEGER_DIGITS}}(\\.\\d{1,${MAX_DECIMAL_FRACTION_DIGITS}})?$`),
    `must be a non-negative decimal with at most ${MAX_DECIMAL_INTEGER_DIGITS} digits before the point and ${MAX_DECIMAL_FRACTION_DIGITS} after`,
  );
const decimalText = DecimalTextSchema;

/** A unified market symbol, e.g. BTC/USDT. */
export const SymbolSchema = z
  .string()
  .max(40)
  .regex(/^[A-Z0-9]+\/[A-Z0-9]+$/, "must look like 'BTC/USDT'");

export const OrderSideSchema = z.enum(['buy', 'sell']);
export type OrderSide = z.infer<typeof OrderSideSchema>;

export const OrderTypeSchema = z.enum(['market', 'limit', 'stop-market', 'stop-limit']);
export type OrderType = z.infer<typeof OrderTypeSchema>;

/** GTC rests until filled or canceled; IOC fills what it can on arrival and expires the rest. */
export const TimeInForceSchema = z.enum(['GTC', 'IOC']);
export type TimeInForce = z.infer<typeof TimeInForceSchema>;

/**
 * Lifecycle states. INTENT: written locally, never sent. SUBMITTED: handed to the venue (or
 * about to be), no acknowledgement yet — its outcome is resolved by asking the venue for the
 * client id, never by sending again. OPEN / PARTIALLY_FILLED: live at the venue.
 * CANCEL_PENDING: cancel requested, not confirmed. FILLED, CANCELED, REJECTED, EXPIRED: final.
 */
export const OrderStateSchema = z.enum([
  'INTENT',
  'SUBMITTED',
  'OPEN',
  'PARTIALLY_FILLED',
  'FILLED',
  'CANCEL_PENDING',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
]);
export type OrderState = z.infer<typeof OrderStateSchema>;

export const FINAL_ORDER_STATES: ReadonlySet<OrderState> = new Set([
  'FILLED',
  'CANCELED',
  'REJECTED',
  'EXPIRED',
]);

/** Role of an order inside a bracket: the entry, its stop-loss, its take-profit. */
export const BracketRoleSchema = z.enum(['entry', 'stop-loss', 'take-profit']);
export type BracketRole = z.infer<typeof BracketRoleSchema>;

/**
 * Book id: paper and live money never share a row. 'paper', 'live:<venue>', or 'shadow' (the
 * intents SHADOW mode records and never sends).
 */
export const BookIdSchema = z
  .string()
  .regex(/^(paper|shadow|live:[a-z0-9]+)$/, "must be 'paper', 'shadow' or 'live:<venue>'");
export type BookId = z.infer<typeof BookIdSchema>;

/** Exits attached to an entry; placed as one-cancels-other once the entry has filled. */
export const BracketSpecSchema = z
  .object({
    /** Stop-loss trigger price (a stop-market exit). */
    stopLoss: decimalText,
    /** Take-profit limit price. */
    takeProfit: decimalText,
  })
  .strict();
export type BracketSpec = z.infer<typeof BracketSpecSchema>;

/** What a caller asks for. Validated against the market's precision by the executor/venue. */
export const OrderRequestSchema = z
  .object({
    symbol: SymbolSchema,
    side: OrderSideSchema,
    type: OrderTypeSchema,
    qty: decimalText,
    /** Limit price (limit and stop-limit). */
    price: decimalText.optional(),
    /** Trigger price (stop-market and stop-limit). */
    stopPrice: decimalText.optional(),
    timeInForce: TimeInForceSchema.default('GTC'),
    reduceOnly: z.boolean().default(false),
    bracket: BracketSpecSchema.optional(),
    /** Caller's idempotency key: placing twice with the same key returns the first order. */
    requestKey: z.string().min(1).max(64).optional(),
  })
  .strict();
export type OrderRequest = z.output<typeof OrderRequestSchema>;
export type OrderRequestInput = z.input<typeof OrderRequestSchema>;

/** An order as the engine records it. */
export const OrderViewSchema = z.object({
  bookId: BookIdSchema,
  clientOrderId: z.string(),
  venueOrderId: z.string().nullable(),
  symbol: z.string(),
  side: OrderSideSchema,
  type: OrderTypeSchema,
  qty: z.string(),
  price: z.string().nullable(),
  stopPrice: z.string().nullable(),
  timeInForce: TimeInForceSchema,
  reduceOnly: z.boolean(),
  state: OrderStateSchema,
  filledQty: z.string(),
  /** Volume-weighted average fill price, null before the first fill. */
  avgFillPrice: z.string().nullable(),
  /** Venue reject message or cancel/expiry reason. */
  reason: z.string().nullable(),
  bracketRole: BracketRoleSchema.nullable(),
  /** Client id of the bracket entry this exit belongs to. */
  parentClientOrderId: z.string().nullable(),
  /** Orders sharing a group cancel each other at the venue (one-cancels-other). */
  ocoGroup: z.string().nullable(),
  /**
   * Who placed it: `user:<origin>` for the trader, `system:kill` for the kill switch's closes,
   * `system:bracket` for bracket exits. Null on orders recorded before this was kept.
   */
  placedBy: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type OrderView = z.infer<typeof OrderViewSchema>;

export const LiquiditySchema = z.enum(['maker', 'taker']);
export type Liquidity = z.infer<typeof LiquiditySchema>;

/** One execution as recorded by the ledger (unique per book by venue fill id). */
export const FillViewSchema = z.object({
  bookId: BookIdSchema,
  fillId: z.string(),
  clientOrderId: z.string(),
  symbol: z.string(),
  side: OrderSideSchema,
  qty: z.string(),
  price: z.string(),
  /** Quote value qty * price, exact. */
  notional: z.string(),
  /** Fee in the asset the venue charged it in. */
  fee: z.string(),
  feeAsset: z.string(),
  /** The same fee valued in the book's quote asset at the fill price. */
  feeQuote: z.string(),
  liquidity: LiquiditySchema,
  /** Realized PnL of this fill (FIFO), before fees, in quote. */
  realizedPnl: z.string(),
  at: z.number().int(),
});
export type FillView = z.infer<typeof FillViewSchema>;

export const PositionViewSchema = z.object({
  bookId: BookIdSchema,
  symbol: z.string(),
  /** Signed base quantity: positive long, negative short. */
  qty: z.string(),
  /** Weighted-average entry price of the open lots (rounded for display); null when flat. */
  avgEntryPrice: z.string().nullable(),
  /** Signed quote cost of the open lots (exact). */
  cost: z.string(),
  markPrice: z.string().nullable(),
  unrealizedPnl: z.string().nullable(),
  realizedPnl: z.string(),
  fees: z.string(),
});
export type PositionView = z.infer<typeof PositionViewSchema>;

export const BalanceViewSchema = z.object({
  bookId: BookIdSchema,
  asset: z.string(),
  /** Total balance of the asset. */
  total: z.string(),
  /** Part not reserved by open orders. */
  free: z.string(),
});
export type BalanceView = z.infer<typeof BalanceViewSchema>;

export const EquitySampleSchema = z.object({
  bookId: BookIdSchema,
  at: z.number().int(),
  /** cash + sum(qty * mark), in quote. */
  equity: z.string(),
  cash: z.string(),
  unrealizedPnl: z.string(),
  realizedPnl: z.string(),
  fees: z.string(),
  /** What caused the sample: a fill or a bar close. */
  cause: z.enum(['fill', 'bar']),
});
export type EquitySample = z.infer<typeof EquitySampleSchema>;
