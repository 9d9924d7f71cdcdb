import { z } from 'zod';
import { ConnectionNameSchema } from '../domain/connection';
import { TradingModeSchema } from '../domain/modes';
import { BookIdSchema } from '../domain/order';

/** A live venue's circuit breaker, as the cockpit shows it. */
export const BreakerViewSchema = z.object({
  state: z.enum(['CLOSED', 'OPEN', 'HALF_OPEN']),
  consecutiveFailures: z.number().int().nonnegative(),
  openedAt: z.number().int().nullable(),
  lastFailure: z.string().nullable(),
});

/** One live book: its venue connection, breaker, user stream and unresolved foreign orders. */
export const LiveVenueViewSchema = z.object({
  connection: z.string(),
  venue: z.string(),
  bookId: BookIdSchema,
  state: z.enum(['STARTING', 'READY', 'FAILED']),
  problem: z.string().nullable(),
  breaker: BreakerViewSchema,
  stream: z
    .object({
      state: z.enum(['CONNECTING', 'LIVE', 'DOWN', 'STOPPED']),
      reason: z.string(),
      reconnects: z.number().int().nonnegative(),
    })
    .nullable(),
  foreignOrders: z.array(
    z.object({
      clientOrderId: z.string(),
      venueOrderId: z.string(),
      symbol: z.string(),
      side: z.string(),
      qty: z.string(),
      seenAt: z.number().int(),
    }),
  ),
});
export type LiveVenueView = z.infer<typeof LiveVenueViewSchema>;

/** The trading mode with who set it and why, the active book, and every live book. */
export const TradingModeStatusSchema = z.object({
  mode: TradingModeSchema,
  /** The connection LIVE trades on (null in PAPER and SHADOW). */
  connection: z.string().nullable(),
  /** Where new orders go: 'paper', 'shadow' or 'live:<venue>'. */
  bookId: BookIdSchema,
  actor: z.string(),
  reason: z.string(),
  at: z.number().int(),
  live: z.array(LiveVenueViewSchema),
});
export type TradingModeStatus = z.infer<typeof TradingModeStatusSchema>;

export const SetTradingModeInputSchema = z
  .object({
    mode: TradingModeSchema,
    /** LIVE: the exchange connection to trade on. */
    connection: ConnectionNameSchema.optional(),
    /** LIVE: must read exactly "LIVE <connection>". */
    confirm: z.string().max(100).optional(),
    via: z.enum(['ui', 'cli']).default('ui'),
  })
  .strict();

/**
 * PAPER, SHADOW (signals and intents recorded, nothing sent) and LIVE. LIVE needs a
 * connection with a verified trade-only key, live prices from it, the typed confirmation and
 * no paper order in flight; every change and every refusal is audited.
 */
export const tradingCommands = {
  getTradingMode: { input: z.object({}).strict(), output: TradingModeStatusSchema },
  setTradingMode: { input: SetTradingModeInputSchema, output: TradingModeStatusSchema },
  /** An order found at a live venue that Vigil never placed: adopt it (leave it) or cancel it. */
  resolveForeignOrder: {
    input: z
      .object({
        venue: z.string().regex(/^[a-z0-9]+$/),
        clientOrderId: z.string().min(1).max(64),
        action: z.enum(['adopt', 'cancel']),
      })
      .strict(),
    output: TradingModeStatusSchema,
  },
} as const;

export const tradingEvents = {
  tradingModeChanged: TradingModeStatusSchema,
} as const;
