import { z } from 'zod';
import { TimeframeSchema } from '../domain/candle';

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

/**
 * What a backtest runs: a folder of candle files, an optional range of days (in the risk
 * configuration's time zone), the scanned timeframes, a whole risk configuration (as
 * `vigil risk validate` checks it; the defaults without one), scanner settings over the
 * defaults (e.g. `{ "tiers": { "primeEnter": 0.6, "primeStay": 0.55 } }`) and whether the
 * autopilot sends PRIME plans. The CLI (`vigil backtest`) and the cockpit send the same object.
 */
export const BacktestRequestSchema = z
  .object({
    /** Folder of candle CSV files. The cockpit may leave it out: the bundled replay. */
    data: z.string().min(1).max(4096).optional(),
    from: DaySchema.optional(),
    to: DaySchema.optional(),
    timeframes: z.array(TimeframeSchema).min(1).max(6).optional(),
    risk: z.record(z.string(), z.unknown()).optional(),
    scanner: z.record(z.string(), z.unknown()).optional(),
    autopilot: z.enum(['prime', 'off']),
    /**
     * The paper account the run trades: 'spot' (default, a new install's: a short needs the
     * asset) or 'margin' (set up for margin and perpetual trading, as Reset paper account
     * sets it in the cockpit: shorts are taken).
     */
    account: z.enum(['spot', 'margin']).optional(),
  })
  .strict();
export type BacktestRequest = z.infer<typeof BacktestRequestSchema>;

/** The report's figures as one object: what `vigil backtest --json` prints. */
export const BacktestMetricsSchema = z.object({
  /** First and last day reported, and their zone. */
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  /** Candles the replay closed during the run (every series, every timeframe file). */
  candles: z.number().int().nonnegative(),
  trades: z.number().int().nonnegative(),
  wins: z.number().int().nonnegative(),
  losses: z.number().int().nonnegative(),
  fills: z.number().int().nonnegative(),
  /** Exact decimal strings, as the report computes them from the ledger. */
  fees: z.string(),
  realizedPnl: z.string(),
  /**
   * The positions still open when the backtest ended (nothing closes them: the end of the data
   * is not a trade), each valued at its market's last close, and their unrealized PnL in total
   * (null when some position has no mark). endEquity counts them at those marks.
   */
  unrealizedPnl: z.string().nullable(),
  openPositions: z.array(
    z.object({
      symbol: z.string(),
      direction: z.enum(['long', 'short']),
      quantity: z.string(),
      /** The last close, in the account currency (through the pair's rate if quoted in another). */
      mark: z.string().nullable(),
      unrealizedPnl: z.string().nullable(),
    }),
  ),
  startEquity: z.string().nullable(),
  endEquity: z.string().nullable(),
  /** Deepest fall from a running peak, in the account currency and as a fraction of the peak. */
  maxDrawdown: z.string().nullable(),
  maxDrawdownPct: z.number().nullable(),
  sharpe: z.number().nullable(),
  sortino: z.number().nullable(),
  rejections: z.number().int().nonnegative(),
  /**
   * Plans the autopilot made from PRIME signals, and those it could not send, counted by cause
   * (`why`: 'daily-cap', 'already-in-market', 'plan:<refusal rule>', 'switched-off-meanwhile',
   * 'refused-at-send'), most first, each with the first such skip's reason in words.
   */
  plans: z.number().int().nonnegative(),
  skipped: z.array(
    z.object({ why: z.string(), reason: z.string(), count: z.number().int().positive() }),
  ),
  halts: z.number().int().nonnegative(),
  kills: z.number().int().nonnegative(),
});
export type BacktestMetrics = z.infer<typeof BacktestMetricsSchema>;

/** The files of a finished backtest: the monthly export's PDF and CSVs, and the metrics. */
export const BacktestFileFormatSchema = z.enum(['pdf', 'lots-csv', 'fills-csv', 'metrics-json']);
export type BacktestFileFormat = z.infer<typeof BacktestFileFormatSchema>;

const RunIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w-]+$/, 'letters, digits, - and _ only');

export const backtestCommands = {
  /**
   * Runs a backtest in a worker thread (one at a time per engine) and answers when it is done.
   * Progress arrives as `backtestProgressed` events carrying the caller's runId.
   */
  runBacktest: {
    input: z.object({ runId: RunIdSchema, request: BacktestRequestSchema }).strict(),
    output: z.object({
      runId: z.string(),
      metrics: BacktestMetricsSchema,
      files: z.array(
        z.object({
          format: BacktestFileFormatSchema,
          fileName: z.string(),
          sizeBytes: z.number().int().nonnegative(),
        }),
      ),
    }),
  },
  /** Stops a running backtest; its runBacktest call then fails with "cancelled". */
  cancelBacktest: {
    input: z.object({ runId: RunIdSchema }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** One file of a finished backtest (the last few are kept), for the UI to save. */
  backtestFile: {
    input: z.object({ runId: RunIdSchema, format: BacktestFileFormatSchema }).strict(),
    output: z.object({
      fileName: z.string(),
      mimeType: z.enum(['application/pdf', 'text/csv', 'application/json']),
      bytesBase64: z.string(),
    }),
  },
  /** What the Backtest panel offers by default: the bundled replay folder, if this host has one. */
  backtestSetup: {
    input: z.object({}).strict(),
    output: z.object({ bundledData: z.string().nullable(), running: z.string().nullable() }),
  },
} as const;

export const BacktestProgressSchema = z.object({
  runId: z.string(),
  stage: z.enum(['loading', 'replaying', 'reporting', 'done']),
  /** 0..1 over the whole run. */
  fraction: z.number().min(0).max(1),
  /** Market time the replay has reached, once it plays. */
  at: z.number().nullable(),
  candles: z.number().int().nonnegative(),
});
export type BacktestProgress = z.infer<typeof BacktestProgressSchema>;

export const backtestEvents = {
  backtestProgressed: BacktestProgressSchema,
} as const;
