import { z } from 'zod';
import { TimeframeSchema } from '../domain/candle';
import { BookIdSchema, SymbolSchema } from '../domain/order';
import { TradePlanSchema } from './plans';
import { DirectionSchema, FactorNameSchema, TierSchema } from './scanner';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/** A trader's tag on a trade: a short word ("breakout", "fomo", "a-plus"). */
export const JournalTagSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(32, 'must be at most 32 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'must be letters, digits, - or _ (no spaces)');

/** A trade's id in the journal: T and the ledger row of the fill that opened it. */
export const TradeIdSchema = z.string().regex(/^T\d{1,15}$/, "must look like 'T123'");

/**
 * The scanner's signal for the trade's market current when the entry filled: the tier and the
 * factor contributions behind it. `factors` is null when the explanation could not be read
 * (`factorsMissing` says why); it is never filled in with a guess.
 */
export const EntrySignalSchema = z.object({
  exchange: z.string(),
  timeframe: TimeframeSchema,
  /** Close time of the bar the signal came from. */
  at: z.number().int(),
  tier: TierSchema,
  direction: DirectionSchema,
  probability: z.number().nullable(),
  /**
   * Whether that probability was calibrated (a win chance that beat the base rate out of
   * sample); false: the prior mapping, shown with "uncalibrated". Signals kept before
   * calibration existed: no (every P was the prior then).
   */
  calibrated: z.boolean().default(false),
  evBps: z.number().nullable(),
  score: z.number().nullable(),
  factors: z
    .array(z.object({ factor: FactorNameSchema, value: z.number(), contribution: z.number() }))
    .nullable(),
  factorsMissing: z.string().nullable(),
});
export type EntrySignal = z.infer<typeof EntrySignalSchema>;

/** What a stop-out would have lost when the trade was entered: the basis of its R-multiple. */
export const InitialRiskSchema = z.object({
  /** Quote amount: |entry - stop| x quantity, summed over the entry fills. */
  amount: z.string(),
  /** The protective stop's trigger price (of the first entry, when several). */
  stop: z.string(),
  /** Where the stop came from: the entry's bracket stop leg, or a trade plan. */
  source: z.enum(['bracket', 'plan']),
});
export type InitialRisk = z.infer<typeof InitialRiskSchema>;

/** One move of a plan's stop after its entry was sent: an amendment of one entry's exit pair. */
export const PlanStopMoveSchema = z.object({
  /** Market time of the move. */
  at: z.number().int(),
  /** The plan's entry order whose stop moved (one per target). */
  entry: z.string(),
  from: z.string(),
  to: z.string(),
  /** Why it moved: "break-even after target 1", "trail 1.5 x ATR from close …". */
  why: z.string(),
});
export type PlanStopMove = z.infer<typeof PlanStopMoveSchema>;

/**
 * The trade plan a trade was entered from, as it was planned (before anything filled), and
 * every move of its stop since. Null on a trade no plan sent.
 */
export const JournalPlanSchema = TradePlanSchema.pick({
  planId: true,
  timeframe: true,
  side: true,
  entryType: true,
  entry: true,
  stop: true,
  targets: true,
  qty: true,
  risk: true,
  riskPct: true,
  rewardRisk: true,
}).extend({
  /** Who sent it: the trader (manual) or the autopilot. */
  source: z.enum(['manual', 'autopilot', 'shadow']),
  management: z.object({ breakEven: z.boolean(), trailAtr: z.number().nullable() }),
  stopMoves: z.array(PlanStopMoveSchema),
});
export type JournalPlan = z.infer<typeof JournalPlanSchema>;

/** One closed trade: a position in one market of one book, from flat to flat. */
export const JournalTradeSchema = z.object({
  id: TradeIdSchema,
  bookId: BookIdSchema,
  symbol: z.string(),
  /** The currency its money is in (the market's quote). */
  quoteAsset: z.string(),
  direction: z.enum(['long', 'short']),
  openedAt: z.number().int(),
  closedAt: z.number().int(),
  holdingMs: z.number().int().nonnegative(),
  /** Quantity-weighted average price of the entry fills (exact decimal). */
  entryPrice: z.string(),
  /** Quantity-weighted average price of the exit fills, partial closes included. */
  exitPrice: z.string(),
  /** Base quantity entered (adds included). */
  qty: z.string(),
  entries: z.number().int().positive(),
  exits: z.number().int().positive(),
  /** Fees of every fill of the trade, valued in the quote currency. */
  fees: z.string(),
  /** Before fees: sum of (exit - entry) x quantity, the ledger's realized PnL. */
  grossPnl: z.string(),
  /** After fees: what the trade changed the account by. */
  netPnl: z.string(),
  initialRisk: InitialRiskSchema.nullable(),
  /** netPnl / initial risk, 2 decimals; null (shown "n/a") when no stop protected the entry. */
  rMultiple: z.string().nullable(),
  /** Why there is no R-multiple, when there is none. */
  rMissing: z.string().nullable(),
  entrySignal: EntrySignalSchema.nullable(),
  /** The plan its entry was sent from; null when it was entered without one. */
  plan: JournalPlanSchema.nullable(),
  notes: z.string(),
  tags: z.array(z.string()),
  /** When the note or tags last changed; null when the trader never wrote one. */
  notedAt: z.number().int().nullable(),
});
export type JournalTrade = z.infer<typeof JournalTradeSchema>;

export const JournalFilterSchema = z
  .object({
    book: BookIdSchema.default('paper'),
    symbol: SymbolSchema.optional(),
    /** First day (inclusive) of the close, in the risk limits' time zone. */
    from: day.optional(),
    /** Last day (inclusive). */
    to: day.optional(),
    /** Tier of the signal at entry; NONE: no signal was known for the market. */
    tier: z.enum(['PRIME', 'WATCH', 'IGNORE', 'FAILED', 'NONE']).optional(),
    tag: JournalTagSchema.optional(),
    outcome: z.enum(['all', 'winners', 'losers']).default('all'),
    limit: z.number().int().min(1).max(10_000).default(1000),
  })
  .strict();
export type JournalFilter = z.output<typeof JournalFilterSchema>;

/** Net PnL per currency: a book can close trades quoted in USDT and in BTC. */
export const CurrencyTotalSchema = z.object({ currency: z.string(), netPnl: z.string() });

export const PnlDaySchema = z.object({
  /** Local date YYYY-MM-DD. */
  date: z.string(),
  trades: z.number().int().nonnegative(),
  wins: z.number().int().nonnegative(),
  losses: z.number().int().nonnegative(),
  /** Net PnL of the trades closed that day in the book's currency; "0" without trades. */
  netPnl: z.string(),
  /** Trades quoted in another currency (ETH/BTC in a USDT book), in their own currency. */
  other: z.array(CurrencyTotalSchema),
});
export type PnlDay = z.infer<typeof PnlDaySchema>;

export const PnlCalendarSchema = z.object({
  bookId: BookIdSchema,
  month: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  /** Every day of the month, in order. */
  days: z.array(PnlDaySchema),
  total: z.string(),
  trades: z.number().int().nonnegative(),
  other: z.array(CurrencyTotalSchema),
});
export type PnlCalendar = z.infer<typeof PnlCalendarSchema>;

export const journalCommands = {
  /** Closed trades, newest close first, with the filters applied. */
  listJournal: {
    input: JournalFilterSchema,
    output: z.object({
      timeZone: z.string(),
      trades: z.array(JournalTradeSchema),
      /** Trades matching the filters before the limit. */
      matched: z.number().int().nonnegative(),
      totals: z.array(CurrencyTotalSchema),
      /** Over the matching trades: wins (net > 0), losses (net < 0), and R where it is known. */
      stats: z.object({
        wins: z.number().int().nonnegative(),
        losses: z.number().int().nonnegative(),
        /** wins / matched; null without trades. */
        winRate: z.number().nullable(),
        /** Trades with an R-multiple (a stop protected every entry). */
        withR: z.number().int().nonnegative(),
        /** Mean R of those, 2 decimals; null when none has one. */
        averageR: z.string().nullable(),
        /** Sum of their R, 2 decimals. */
        totalR: z.string().nullable(),
      }),
    }),
  },
  /** Sets a trade's note and tags (replacing both); audited as journal.note_set. */
  setJournalNote: {
    input: z
      .object({
        tradeId: TradeIdSchema,
        book: BookIdSchema.default('paper'),
        text: z.string().max(4000, 'must be at most 4000 characters'),
        tags: z.array(JournalTagSchema).max(16, 'at most 16 tags').default([]),
      })
      .strict(),
    output: JournalTradeSchema,
  },
  /** Net PnL per local day of a month, for the PnL calendar. */
  getPnlCalendar: {
    input: z
      .object({
        book: BookIdSchema.default('paper'),
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
      })
      .strict(),
    output: PnlCalendarSchema,
  },
} as const;

export const journalEvents = {
  /**
   * A fill closed a trade, or a trade's note changed: the journal and the calendar have news.
   * A fill that closes nothing (an entry, a partial exit) is no news and raises no event.
   */
  journalChanged: z.object({
    bookId: BookIdSchema,
    cause: z.enum(['fill', 'note']),
    tradeId: TradeIdSchema,
  }),
} as const;
