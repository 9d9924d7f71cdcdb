import type { z } from 'zod';
import type { CommandName, CommandOutput, Commands } from './commands';

/** Who sent a command; handlers use it for audit records ("who did this"). */
export interface CallerContext {
  readonly origin: 'electron' | 'websocket' | 'cli' | 'test';
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
