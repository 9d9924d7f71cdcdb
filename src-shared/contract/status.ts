import { z } from 'zod';
import { ControlModeSchema, TradingModeSchema } from '../domain/modes';

/** Engine health as shown in the top bar and printed by `vigil status`. */
export const EngineStatusSchema = z.object({
  version: z.string(),
  tradingMode: TradingModeSchema,
  controlMode: ControlModeSchema,
  dataDir: z.string(),
  startedAt: z.number().int(),
  now: z.number().int(),
  uptimeMs: z.number().int().nonnegative(),
  schemaVersion: z.number().int().nonnegative(),
  /**
   * Main event-loop lag (the loop that carries the kill switch) over the recent window,
   * sampled every millisecond: how late a due timer ran, in milliseconds.
   */
  eventLoopLag: z.object({
    p50Ms: z.number().nonnegative(),
    p99Ms: z.number().nonnegative(),
    maxMs: z.number().nonnegative(),
    samples: z.number().int().nonnegative(),
    /**
     * The largest part of a late timer's lateness that the loop's own thread spent on a CPU
     * (our code blocking it); for the rest it was waiting for a core or in a system call.
     * As fine as the system counts a thread's CPU time: per scheduler tick on some kernels.
     */
    maxBusyMs: z.number().nonnegative(),
    windowMs: z.number().positive(),
  }),
});
export type EngineStatus = z.infer<typeof EngineStatusSchema>;
