import type { z } from 'zod';
import type { CommandName, CommandOutput, Commands } from './commands';

/**
 * Per-connection controls a transport offers, for the high-volume events. A window asks for
 * the bar closes of the series it charts, so a fast replay cannot bury its kill reply under
 * tens of thousands of bars it would never draw; full published signals go only to a
 * connection that asks for them (the board needs only its rows and the tier changes).
 */
export interface ConnectionControls {
  /** Series ids (`exchange:symbol:timeframe`) whose bar closes this connection receives. */
  setBarInterest(seriesIds: readonly string[]): void;
  /** Whether this connection receives `signalPublished` (full signals); off until asked. */
  setSignalInterest(full: boolean): void;
}

/** Who sent a command; handlers use it for audit records ("who did this"). */
export interface CallerContext {
  readonly origin: 'electron' | 'websocket' | 'cli' | 'test';
  /** Present on connection-oriented transports (WebSocket, the Electron window). */
  readonly connection?: ConnectionControls;
}

/** A handler sees the input after schema parsing, with defaults applied. */
export type ParsedCommandInput<N extends CommandName> = z.output<Commands[N]['input']>;

/**
 * The main side implements this table. Because it is a mapped type over every command, a
 * command declared without a handler does not compile.
 */
export type CommandHandlers = {
  [N in CommandName]: (
    input: ParsedCommandInput<N>,
    caller: CallerContext,
  ) => CommandOutput<N> | Promise<CommandOutput<N>>;
};
