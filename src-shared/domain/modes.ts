import { z } from 'zod';

/** Which book orders go to. PAPER is the default; LIVE needs keys and a typed confirmation. */
export const TradingModeSchema = z.enum(['PAPER', 'LIVE', 'SHADOW']);
export type TradingMode = z.infer<typeof TradingModeSchema>;

/**
 * What the executor may do right now. HALTED is the kill switch's latch. RESUMING follows a
 * system sleep: new orders wait until feeds are fresh and orders, fills and balances are
 * reconciled, then the mode from before the sleep returns.
 */
export const ControlModeSchema = z.enum(['RUNNING', 'PAUSED', 'REDUCING', 'RESUMING', 'HALTED']);
export type ControlMode = z.infer<typeof ControlModeSchema>;

/** The modes a trader (or a risk rule) sets directly, and the ones RESUMING returns to. */
export const SettableModeSchema = z.enum(['RUNNING', 'PAUSED', 'REDUCING']);
export type SettableMode = z.infer<typeof SettableModeSchema>;
