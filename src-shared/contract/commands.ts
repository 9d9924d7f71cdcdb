import type { z } from 'zod';
import { connectionCommands } from './connections';
import { executionCommands } from './execution';
import { riskCommands } from './risk';
import { marketCommands } from './market';
import { reportsCommands } from './reports';
import { scannerCommands } from './scanner';
import { systemCommands } from './system';
import { powerCommands } from './power';
import { alertCommands } from './alerts';
import { tradingCommands } from './trading';
import { desktopCommands } from './desktop';
import { journalCommands } from './journal';
import { planCommands } from './plans';
import { backtestCommands } from './backtest';
import { calibrationCommands } from './calibration';

/**
 * Every renderer -> main command, declared once. The main-side handler table, the preload
 * bridge, the WebSocket transport and the renderer client all derive from this object. Feature
 * areas declare their commands in their own contract file and are spread in here.
 */
export const commands = {
  ...systemCommands,
  ...scannerCommands,
  ...executionCommands,
  ...riskCommands,
  ...marketCommands,
  ...reportsCommands,
  ...connectionCommands,
  ...powerCommands,
  ...alertCommands,
  ...tradingCommands,
  ...desktopCommands,
  ...journalCommands,
  ...planCommands,
  ...backtestCommands,
  ...calibrationCommands,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = z.output<Commands[N]['output']>;

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}
