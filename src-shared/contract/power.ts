import { z } from 'zod';

/** Sleep and wake settings, one validated record. */
export const PowerSettingsSchema = z
  .object({
    /** Kill (cancel everything, flatten if "flatten on kill" is set) when the system suspends. */
    killOnSuspend: z.boolean(),
    /**
     * Where a stop goes for a position found without one, as % from the mark, when the plan
     * that opened it recorded no stop.
     */
    emergencyStopPct: z.number().gt(0).max(50),
    /** A wall-clock jump longer than this (against the monotonic clock) counts as a sleep. */
    wakeGapSec: z.number().int().min(5).max(3600),
  })
  .strict();
export type PowerSettings = z.infer<typeof PowerSettingsSchema>;

export const DEFAULT_POWER_SETTINGS: PowerSettings = {
  killOnSuspend: false,
  emergencyStopPct: 5,
  wakeGapSec: 30,
};

/** Who told the engine about a sleep: Electron's powerMonitor, the clock jump detector, or a restart. */
export const PowerSourceSchema = z.enum(['os', 'clock-jump', 'restart']);
export type PowerSource = z.infer<typeof PowerSourceSchema>;

/** One of the checks a wake waits for before trading returns. */
export const WakeCheckSchema = z.object({
  name: z.enum(['orders', 'balances', 'stops', 'feeds']),
  ok: z.boolean(),
  detail: z.string(),
});
export type WakeCheck = z.infer<typeof WakeCheckSchema>;

export const PowerStatusSchema = z.object({
  /** awake: nothing pending; suspending: the system is going to sleep; resuming: waiting on checks. */
  state: z.enum(['awake', 'suspending', 'resuming']),
  source: PowerSourceSchema.nullable(),
  /** When the current state began (engine clock). */
  since: z.number().int().nullable(),
  /** How long the last sleep lasted, when known. */
  sleptMs: z.number().nonnegative().nullable(),
  /** The last pass of the wake checks (empty while awake with no wake yet). */
  checks: z.array(WakeCheckSchema),
  settings: PowerSettingsSchema,
});
export type PowerStatus = z.infer<typeof PowerStatusSchema>;

/** What making sure of the protective stops did: positions looked at, covered, stops placed. */
export const StopsReportSchema = z.object({
  positions: z.number().int().nonnegative(),
  /** Positions whose whole quantity a resting reduce-only stop already covered. */
  covered: z.number().int().nonnegative(),
  placed: z.array(
    z.object({
      symbol: z.string(),
      side: z.enum(['buy', 'sell']),
      qty: z.string(),
      stopPrice: z.string(),
      /** 'plan': the stop the bracket recorded; 'mark': the emergency distance from the mark. */
      basis: z.enum(['plan', 'mark']),
      clientOrderId: z.string(),
      state: z.string(),
    }),
  ),
  failed: z.array(z.object({ symbol: z.string(), reason: z.string() })),
});

export const powerCommands = {
  /**
   * A reduce-only stop for every open position without one (the kill panel, after a kill
   * without flatten canceled them), by the same rule as before a sleep: the stop the bracket
   * recorded while it lies beyond the mark, else the emergency distance. Accepted while HALTED.
   */
  replaceProtectiveStops: { input: z.object({}).strict(), output: StopsReportSchema },
  getPowerStatus: { input: z.object({}).strict(), output: PowerStatusSchema },
  setPowerSettings: {
    input: z.object({ changes: PowerSettingsSchema.partial() }).strict(),
    output: PowerSettingsSchema,
  },
} as const;

export const powerEvents = {
  powerStatusChanged: PowerStatusSchema,
} as const;
