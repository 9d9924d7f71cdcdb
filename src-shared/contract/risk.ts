import { z } from 'zod';
import { ControlModeSchema, SettableModeSchema } from '../domain/modes';
import { RISK_CONFIG_KEYS, RiskConfigSchema } from '../domain/risk-config';

/** Where a control command was pressed; recorded in the audit chain as part of "who". */
export const TriggerPathSchema = z.enum(['ui', 'cli', 'shortcut', 'tray', 'api']);
export type TriggerPath = z.infer<typeof TriggerPathSchema>;

/**
 * The reason of a kill the trader gave no words for, from any path (button, chord, tray, CLI).
 * Who and by which path is the actor's to say ("by you, from the tray menu"): a reason that
 * named the path too made every "reason — by who" line say it twice.
 */
export const MANUAL_KILL_REASON = 'manual kill';

const ReasonSchema = z.string().trim().min(1).max(500);

export const ControlStateSchema = z.object({
  mode: ControlModeSchema,
  reason: z.string(),
  actor: z.string(),
  at: z.number().int(),
  /** While RESUMING: the mode trading returns to once the wake checks pass. */
  resumeTo: SettableModeSchema.optional(),
});
export type ControlState = z.infer<typeof ControlStateSchema>;

export const KillPhaseSchema = z.enum(['cancelling', 'flattening', 'reconciling', 'done']);
export type KillPhase = z.infer<typeof KillPhaseSchema>;

/**
 * What became of an order whose placement answer was lost (a timeout: it may or may not be at
 * the venue), as the kill chased it by its client id: `cancelled` (found resting, cancelled),
 * `filled` (found already filled), `closed` (found refused or ended by the venue), `never-found`
 * (no record at the venue when the grace for an unknown outcome ended: recorded as never
 * placed), `unresolved` (still unknown: the kill keeps asking and is not done).
 */
export const UnknownOrderOutcomeSchema = z.object({
  venue: z.string(),
  clientOrderId: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  qty: z.string(),
  outcome: z.enum(['cancelled', 'filled', 'closed', 'never-found', 'unresolved']),
  /** The order and its fate in words, for the panel, the CLI and the audit chain. */
  detail: z.string(),
  /**
   * While the venue has no record of it yet: how long, as of that pass, until the grace for an
   * unknown outcome ends (then it is recorded as never placed). Absent once it is found.
   */
  graceLeftMs: z.number().int().nonnegative().optional(),
});
export type UnknownOrderOutcome = z.infer<typeof UnknownOrderOutcomeSchema>;

export const KillStateSchema = z.object({
  killId: z.string(),
  actor: z.string(),
  reason: z.string(),
  flatten: z.boolean(),
  phase: KillPhaseSchema,
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  attempts: z.number().int().nonnegative(),
  /** Orders of unknown outcome this kill chased (absent in kills recorded before it did). */
  unknownOutcomes: z.array(UnknownOrderOutcomeSchema).optional(),
  /**
   * The kill was reopened, after it was done, for orders the venue took in after they were
   * recorded as never placed: its passes chase those orders (cancel, or book their fills and
   * flatten when the kill flattens) and leave every other order at the venue as it is. A new
   * kill trigger clears it: that sweeps everything again.
   */
  lateOrdersOnly: z.boolean().optional(),
});
export type KillState = z.infer<typeof KillStateSchema>;

/** What of the control and kill path could not be written to disk. */
export const DurabilityTopicSchema = z.enum([
  'latch-file',
  'control-record',
  'kill-record',
  'audit',
]);
export type DurabilityTopic = z.infer<typeof DurabilityTopicSchema>;

export const DurabilityProblemSchema = z.object({
  topic: DurabilityTopicSchema,
  /** What was not written: "kill state not recorded in the database". */
  what: z.string(),
  /** Why and where: "no space left on the device holding /…/vigil.db (SQLITE_FULL: …)". */
  why: z.string(),
  /** `what: why`, for a log line. */
  message: z.string(),
  since: z.number().int(),
});
export type DurabilityProblem = z.infer<typeof DurabilityProblemSchema>;

/**
 * Whether what the engine holds in memory is on disk. `latchDurable` false means HALTED (or the
 * mode) lives in memory only: a restart would not keep it. Problems clear themselves once a
 * retry succeeds (the engine retries every second and at every kill pass).
 */
export const DurabilitySchema = z.object({
  latchDurable: z.boolean(),
  /** Audit rows kept in memory because the database refused them; written once it accepts. */
  pendingAuditRows: z.number().int().nonnegative(),
  problems: z.array(DurabilityProblemSchema),
});
export type Durability = z.infer<typeof DurabilitySchema>;

export const ControlStatusSchema = z.object({
  control: ControlStateSchema,
  kill: KillStateSchema.nullable(),
  /** Counts as the venues report them now; null when a venue could not be asked. */
  openOrders: z.number().int().nonnegative().nullable(),
  positions: z.number().int().nonnegative().nullable(),
  venues: z.array(z.string()),
  durability: DurabilitySchema,
});
export type ControlStatus = z.infer<typeof ControlStatusSchema>;

const modeInput = z
  .object({ reason: ReasonSchema.optional(), via: TriggerPathSchema.optional() })
  .strict();

const SETTABLE_KEYS: ReadonlySet<string> = new Set(RISK_CONFIG_KEYS);

/**
 * A setRiskConfig change set: dotted keys to new values. Every key must be one of the schema's
 * own (RISK_CONFIG_KEYS) and is refused by name otherwise; "__proto__" included, which a plain
 * record schema would drop without a word.
 */
const RiskChangesSchema = z
  .custom<Record<string, unknown>>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      Object.getPrototypeOf(v) === Object.prototype,
    { message: 'must be an object of setting: value' },
  )
  .superRefine((changes, ctx) => {
    for (const key of Object.keys(changes))
      if (!SETTABLE_KEYS.has(key))
        ctx.addIssue({ code: 'custom', path: [key.slice(0, 100)], message: 'unknown setting' });
  });

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
        changes: RiskChangesSchema,
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
    output: z.object({
      killId: z.string(),
      latchedAt: z.number().int(),
      flatten: z.boolean(),
      /** HALTED is on disk (the latch file or the database): a restart comes back HALTED. */
      durable: z.boolean(),
      /** The database holds the kill (control state, kill state, audit rows). */
      recorded: z.boolean(),
      /** What could not be written, one line each; empty when both are true. */
      problems: z.array(z.string()),
    }),
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
  /**
   * The message without the orders of unknown outcome it names one by one, where it names any:
   * the kill panel lists those from the kill state, so it shows this instead of saying each twice.
   */
  brief: z.string().optional(),
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
  /**
   * The kill's state as each pass left it (once a pass, and once at completion): what it chased
   * and how, so a window shows each pass, not only what it loaded when the mode changed.
   */
  killStateChanged: KillStateSchema,
  riskRejected: RiskRejectedSchema,
  riskConfigChanged: RiskConfigSchema,
  /** A write on the control or kill path failed, or a retry succeeded. */
  durabilityChanged: DurabilitySchema,
} as const;
