import { z } from 'zod';

/** Which book orders go to. PAPER is the default; LIVE needs keys and a typed confirmation. */
export const TradingModeSchema = z.enum(['PAPER', 'LIVE', 'SHADOW']);
export type TradingMode = z.infer<typeof TradingModeSchema>;

/** What the executor may do right now. HALTED is the kill switch's latch. */
export const ControlModeSchema = z.enum(['RUNNING', 'PAUSED', 'REDUCING', 'HALTED']);
export type ControlMode = z.infer<typeof ControlModeSchema>;
