import { z } from 'zod';
import {
  BalanceViewSchema,
  BookIdSchema,
  DecimalTextSchema,
  EquitySampleSchema,
  FillViewSchema,
  OrderRequestSchema,
  OrderViewSchema,
  PositionViewSchema,
  SymbolSchema,
} from '../domain/order';
import { RiskUsageSchema } from './risk';

const clientOrderId = z.string().regex(/^[0-9A-Za-z]{1,36}$/, 'must be a client order id');

/**
 * The active book valued at the latest marks: the one source of the positions table, the top
 * bar's money and the risk gauges, so they always agree. Money is exact decimal text.
 */
export const BookValuationSchema = z.object({
  bookId: BookIdSchema,
  /** Market time of the newest mark or fill included (virtual in replay). */
  at: z.number().int(),
  quoteAsset: z.string(),
  cash: z.string(),
  /** cash + sum(qty x mark); a position with no mark yet counts at cost. */
  equity: z.string(),
  unrealizedPnl: z.string(),
  realizedPnl: z.string(),
  fees: z.string(),
  /** Open positions only, each at its mark. */
  positions: z.array(PositionViewSchema),
  /** Limit usage from the same marks; null when the book cannot be valued (see usageError). */
  usage: RiskUsageSchema.nullable(),
  usageError: z.string().nullable(),
});
export type BookValuation = z.infer<typeof BookValuationSchema>;

/** A tradable market's precision and limits, so prices and sizes are shown as the venue takes them. */
export const MarketViewSchema = z.object({
  symbol: z.string(),
  base: z.string(),
  quote: z.string(),
  tickSize: z.string(),
  stepSize: z.string(),
  minQty: z.string(),
  minNotional: z.string(),
});
export type MarketView = z.infer<typeof MarketViewSchema>;

/** Orders, fills, positions and balances of the active book (paper unless live is armed). */
export const executionCommands = {
  placeOrder: { input: OrderRequestSchema, output: OrderViewSchema },
  cancelOrder: {
    input: z.object({ clientOrderId }).strict(),
    output: OrderViewSchema,
  },
  cancelAllOrders: {
    input: z.object({ symbol: SymbolSchema.optional() }).strict(),
    output: z.object({
      canceled: z.number().int().nonnegative(),
      stillOpen: z.array(OrderViewSchema),
    }),
  },
  listOrders: {
    input: z
      .object({
        open: z.boolean().default(false),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    output: z.object({ orders: z.array(OrderViewSchema) }),
  },
  listFills: {
    input: z
      .object({
        symbol: SymbolSchema.optional(),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    output: z.object({ fills: z.array(FillViewSchema) }),
  },
  getPositions: {
    input: z.object({}).strict(),
    output: z.object({ positions: z.array(PositionViewSchema) }),
  },
  getBookValuation: { input: z.object({}).strict(), output: BookValuationSchema },
  /** Markets the active book's venue trades, with their precision. */
  listMarkets: {
    input: z.object({}).strict(),
    output: z.object({ markets: z.array(MarketViewSchema) }),
  },
  getBalances: {
    input: z.object({}).strict(),
    output: z.object({
      /** What the venue reports. */
      venue: z.array(BalanceViewSchema),
      /** What the ledger computes from fills. */
      ledger: z.object({
        quoteAsset: z.string(),
        startingBalance: z.string(),
        cash: z.string(),
        realizedPnl: z.string(),
        fees: z.string(),
        positionsCost: z.string(),
      }),
    }),
  },
  /**
   * Closes a position (all of it, or `qty`): its working exits are canceled first, then a
   * reduce-only market order; after a partial close the exits come back for the rest. Goes
   * through the gate (accepted while HALTED: it only reduces).
   */
  closePosition: {
    input: z
      .object({
        symbol: z.string().regex(/^[A-Z0-9]+\/[A-Z0-9]+$/, "must look like 'BTC/USDT'"),
        qty: z
          .string()
          .regex(/^\d+(\.\d+)?$/, 'must be a positive decimal')
          .optional(),
      })
      .strict(),
    output: z.object({
      close: OrderViewSchema,
      canceledExits: z.array(z.string()),
      replacedExits: z.array(OrderViewSchema),
    }),
  },
  /** Paper only; needs the typed confirmation; audited. */
  resetPaperAccount: {
    input: z
      .object({
        startingBalance: DecimalTextSchema,
        confirm: z.literal('RESET PAPER'),
        reason: z.string().min(1).max(200),
        /**
         * Set the account up for margin and perpetual trading (shorting where the market
         * allows it), or back to spot only. Omitted: the account keeps its setting.
         */
        marginTrading: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ oldCash: z.string(), newBalance: z.string(), marginTrading: z.boolean() }),
  },
} as const;

export const executionEvents = {
  orderUpdated: OrderViewSchema,
  /**
   * An order recorded as never placed (its placement answer was lost and the venue had no
   * record of it when the grace ended) turned up at its venue after all: its record is reopened
   * (as it is here) and the venue's status follows in `orderUpdated`. While HALTED the kill
   * cancels it; otherwise it works in the book like any order.
   */
  orderArrivedLate: OrderViewSchema,
  fillRecorded: FillViewSchema,
  equitySampled: EquitySampleSchema,
  /** The book revalued: after every mark-to-market, fill or order change that moved it. */
  bookMarked: BookValuationSchema,
} as const;
