import { z } from 'zod';
import { ControlModeSchema } from '../domain/modes';
import { RiskConfigSchema } from '../domain/risk-config';

/** Where a control command was pressed; recorded in the audit chain as part of "who". */
export const TriggerPathSchema = z.enum(['ui', 'cli', 'shortcut', 'tray', 'api']);
export type TriggerPath = z.infer<typeof TriggerPathSchema>;

const ReasonSchema = z.string().trim().min(1).max(500);

export const ControlStateSchema = z.object({
  mode: ControlModeSchema,
  reason: z.string(),
  actor: z.string(),
  at: z.number().int(),
});
export type ControlState = z.infer<typeof ControlStateSchema>;

export const KillPhaseSchema = z.enum(['cancelling', 'flattening', 'reconciling', 'done']);
export type KillPhase = z.infer<typeof KillPhaseSchema>;

export const KillStateSchema = z.object({
  killId: z.string(),
  actor: z.string(),
  reason: z.string(),
  flatten: z.boolean(),
  phase: KillPhaseSchema,
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  attempts: z.number().int().nonnegative(),
});
export type KillState = z.infer<typeof KillStateSchema>;

export const ControlStatusSchema = z.object({
  control: ControlStateSchema,
  kill: KillStateSchema.nullable(),
  /** Counts as the venues report them now; null when a venue could not be asked. */
  openOrders: z.number().int().nonnegative().nullable(),
  positions: z.number().int().nonnegative().nullable(),
  venues: z.array(z.string()),
});
export type ControlStatus = z.infer<typeof ControlStatusSchema>;

const modeInput = z
  .object({ reason: ReasonSchema.optional(), via: TriggerPathSchema.optional() })
  .strict();

/** Risk configuration, control modes and the kill switch. */
/** How much of each limit the active book uses now, valued at mark prices. */
export const RiskUsageSchema = z.object({
  equity: z.number(),
  startOfDayEquity: z.number(),
  /** Loss since the start of the trader's calendar day, % of start-of-day equity (0 if up). */
  dailyLossPct: z.number().nonnegative(),
  peakEquity: z.number(),
  drawdownPct: z.number().nonnegative(),
  /** Sum of risk to stop (whole notional where no stop rests), % of equity. */
  heatPct: z.number().nonnegative(),
  openPositions: z.number().int().nonnegative(),
  /** False until the engine has seen equity today: the day starts at the current equity. */
  dayStartKnown: z.boolean(),
});
export type RiskUsage = z.infer<typeof RiskUsageSchema>;

export const riskCommands = {
  getRiskConfig: { input: z.object({}).strict(), output: RiskConfigSchema },
  /** Changes by dotted key ("maxLeverage", "panic.staleQuoteMs"); the whole result is validated. */
  setRiskConfig: {
    input: z
      .object({
        changes: z.record(z.string().min(1).max(100), z.unknown()),
        via: TriggerPathSchema.optional(),
      })
      .strict(),
    output: RiskConfigSchema,
  },
  getControlStatus: { input: z.object({}).strict(), output: ControlStatusSchema },
  pause: { input: modeInput, output: ControlStateSchema },
  resume: { input: modeInput, output: ControlStateSchema },
  reduce: { input: modeInput, output: ControlStateSchema },
  /** Latches HALTED before replying; cancelling and flattening continue and report progress. */
  kill: {
    input: z
      .object({
        reason: ReasonSchema.optional(),
        flatten: z.boolean().optional(),
        via: TriggerPathSchema.optional(),
      })
      .strict(),
    output: z.object({ killId: z.string(), latchedAt: z.number().int(), flatten: z.boolean() }),
  },
  /** Leaves HALTED. The typed confirmation keeps it from ever being a reflex. */
  rearm: {
    input: z
      .object({
        confirm: z.literal('REARM'),
        reason: ReasonSchema.optional(),
        via: TriggerPathSchema.optional(),
      })
      .strict(),
    output: ControlStateSchema,
  },
} as const;

export const KillProgressSchema = z.object({
  killId: z.string(),
  step: z.enum(['latched', 'cancel', 'flatten', 'reconcile', 'retry', 'done', 'error']),
  venue: z.string().nullable(),
  attempt: z.number().int().nonnegative(),
  openOrders: z.number().int().nonnegative().nullable(),
  positions: z.number().int().nonnegative().nullable(),
  message: z.string(),
  done: z.boolean(),
});
export type KillProgress = z.infer<typeof KillProgressSchema>;

export const RiskRejectedSchema = z.object({
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  qty: z.number(),
  price: z.number(),
  source: z.string(),
  rule: z.string(),
  reason: z.string(),
  numbers: z.record(z.string(), z.number()),
});
export type RiskRejected = z.infer<typeof RiskRejectedSchema>;

/** Whether the global kill shortcut is live; a failure must be impossible to miss in the UI. */
export const KillShortcutStatusSchema = z.object({
  accelerator: z.string(),
  registered: z.boolean(),
  message: z.string(),
});
export type KillShortcutStatus = z.infer<typeof KillShortcutStatusSchema>;

export const riskEvents = {
  killShortcutStatus: KillShortcutStatusSchema,
  controlModeChanged: ControlStateSchema,
  killProgress: KillProgressSchema,
  riskRejected: RiskRejectedSchema,
  riskConfigChanged: RiskConfigSchema,
} as const;
