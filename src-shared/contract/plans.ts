import { z } from 'zod';
import { TimeframeSchema } from '../domain/candle';
import {
  BookIdSchema,
  DecimalTextSchema,
  OrderSideSchema,
  OrderViewSchema,
  SymbolSchema,
} from '../domain/order';
import { TierSchema } from './scanner';

/** One risk rule's verdict on a plan's entry: the gate's own answer, from its dry run. */
export const RuleReportSchema = z.object({
  rule: z.string(),
  ok: z.boolean(),
  /** Why it refuses; null when it approves. */
  reason: z.string().nullable(),
  numbers: z.record(z.string(), z.number()),
});
export type RuleReport = z.infer<typeof RuleReportSchema>;

/**
 * What the trader asks a plan for: a market (its latest signal, best tier first when no
 * timeframe is named), and optionally their own entry, stop and targets (dragged on the chart
 * or typed). Anything left out comes from the signal: the scanner's ATR stop and target.
 */
export const PlanRequestSchema = z
  .object({
    symbol: SymbolSchema,
    timeframe: TimeframeSchema.optional(),
    exchange: z.string().min(1).max(40).optional(),
    /** Must agree with the signal's direction: a plan is sized on the signal's edge. */
    side: OrderSideSchema.optional(),
    entryType: z.enum(['market', 'limit']).default('market'),
    /** Limit price; required for a limit entry, refused for a market one. */
    entryPrice: DecimalTextSchema.optional(),
    stopPrice: DecimalTextSchema.optional(),
    /** One to three take-profit prices; the quantity is split evenly across them. */
    targets: z.array(DecimalTextSchema).min(1).max(3).optional(),
    /** Stop management once the entry has filled (off unless asked for). */
    management: z
      .object({
        /** Move the other targets' stops to the entry price once the first target fills. */
        breakEven: z.boolean().default(false),
        /** Trail the stop by this many ATRs (the signal's) on every bar close of its timeframe. */
        trailAtr: z.number().finite().gt(0).max(20).nullable().default(null),
      })
      .strict()
      .optional(),
  })
  .strict();
export type PlanRequest = z.output<typeof PlanRequestSchema>;
export type PlanRequestInput = z.input<typeof PlanRequestSchema>;

export const PlanTargetSchema = z.object({
  price: z.string(),
  /** The part of the quantity this target closes. */
  qty: z.string(),
});

/** How the quantity came about, so a trader can check the arithmetic. */
export const PlanSizingSchema = z.object({
  /**
   * Risk % from the signal's confidence, between the configured minimum and maximum (the
   * minimum when its P is uncalibrated: no win chance, no confidence).
   */
  confidenceRiskPct: z.number(),
  /**
   * Fractional Kelly from the signal's probability and the plan's payoff, in %; null when the
   * signal's P is uncalibrated (Kelly needs a true win chance).
   */
  kellyPct: z.number().nullable(),
  /** The risk % the quantity was sized to: the smaller of the two. */
  riskPct: z.number(),
  /** Loss per unit at the stop, costs included (quote). */
  lossPerUnit: z.number(),
  /** Entry fee, exit fee and slippage per unit at the stop (quote). */
  costPerUnit: z.number(),
  /** Expected slippage of one taker fill, in bps (half the spread plus impact). */
  slippageBps: z.number(),
  /** Quantity before rounding down to the market's step. */
  rawQty: z.number(),
});

export const TradePlanSchema = z.object({
  planId: z.string(),
  createdAt: z.number().int(),
  bookId: BookIdSchema,
  exchange: z.string(),
  symbol: z.string(),
  timeframe: TimeframeSchema,
  /** The signal the plan came from. */
  signal: z.object({
    at: z.number().int(),
    tier: TierSchema,
    probability: z.number(),
    /** Whether that probability was calibrated (plans stored before calibration existed: no). */
    calibrated: z.boolean().default(false),
    evBps: z.number(),
  }),
  side: OrderSideSchema,
  entryType: z.enum(['market', 'limit']),
  /** Limit price, or the mark a market entry is valued at. */
  entry: z.string(),
  stop: z.string(),
  targets: z.array(PlanTargetSchema),
  qty: z.string(),
  /** Loss at the stop, fees and slippage included, in the market's quote. */
  risk: z.string(),
  /** The same loss in % of the book's equity. */
  riskPct: z.number(),
  /** Reward at the targets (after costs) over the risk. */
  rewardRisk: z.number(),
  /**
   * Expected value after costs with the signal's probability, in quote; null when that
   * probability is uncalibrated (it is not a win chance, so no EV is claimed).
   */
  ev: z.string().nullable(),
  /** Portfolio heat (sum of risk-to-stop) after this trade, % of equity. */
  heatAfterPct: z.number(),
  sizing: PlanSizingSchema,
  /** Stop management: break-even after the first target, an ATR trail (with the ATR used). */
  management: z.object({
    breakEven: z.boolean(),
    trailAtr: z.number().nullable(),
    atr: z.number(),
  }),
  /** Every risk rule's verdict on the entry, from the gate's dry run. */
  verdicts: z.array(RuleReportSchema),
  /** Why the plan cannot be sent, when it cannot (a failed verdict, the venue's limits). */
  refusal: z.string().nullable(),
  /**
   * What refused it, as a stable name for counting refusals by cause: 'opposite-position',
   * a sizing limit ('no-edge', 'quantity-rounds-to-zero', 'below-min-quantity',
   * 'below-min-notional') or 'risk:<rule>' for the gate's rule; 'unrecorded' for a refused
   * plan stored before the rule was kept; null when nothing refused it.
   */
  refusalRule: z.string().nullable(),
});
export type TradePlan = z.infer<typeof TradePlanSchema>;

/** off: nothing automatic. on: PRIME signals become plans that are sent. shadow: recorded only. */
export const AutopilotModeSchema = z.enum(['off', 'on', 'shadow']);
export type AutopilotMode = z.infer<typeof AutopilotModeSchema>;

export const AutopilotStatusSchema = z.object({
  bookId: BookIdSchema,
  mode: AutopilotModeSchema,
  /** Autopilot entries allowed per calendar day (the risk configuration's time zone). */
  maxTradesPerDay: z.number().int().min(1).max(100),
  /** Plans the autopilot sent (or, in SHADOW, recorded) today. */
  tradesToday: z.number().int().nonnegative(),
  /** Who set the mode, why, and when (market time). */
  actor: z.string(),
  reason: z.string(),
  since: z.number().int(),
  /** True when a kill switched it off: it stays off until someone turns it on again. */
  offByKill: z.boolean(),
});
export type AutopilotStatus = z.infer<typeof AutopilotStatusSchema>;

export const planEvents = {
  autopilotChanged: AutopilotStatusSchema,
} as const;

export const planCommands = {
  /** The plan the engine proposes for a market's latest signal; nothing is sent. */
  proposePlan: { input: PlanRequestSchema, output: TradePlanSchema },
  /**
   * Sends a proposed plan as brackets (entry + one-cancels-other stop and target per target),
   * through the gate and the executor like any order. Refused, with the reason, when the plan
   * is not sendable or no longer known.
   */
  sendPlan: {
    input: z.object({ planId: z.string().min(1).max(64) }).strict(),
    output: z.object({ plan: TradePlanSchema, entries: z.array(OrderViewSchema) }),
  },
  getAutopilot: {
    input: z.object({ bookId: BookIdSchema.default('paper') }).strict(),
    output: AutopilotStatusSchema,
  },
  /** Switches a book's autopilot; turning it on is refused while trading is HALTED. Audited. */
  setAutopilot: {
    input: z
      .object({
        bookId: BookIdSchema.default('paper'),
        mode: AutopilotModeSchema,
        maxTradesPerDay: z.number().int().min(1).max(100).optional(),
        reason: z.string().min(1).max(200).optional(),
      })
      .strict(),
    output: AutopilotStatusSchema,
  },
} as const;
