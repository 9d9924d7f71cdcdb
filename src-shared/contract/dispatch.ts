import type { z } from 'zod';
import { commands, isCommandName, type CommandName, type CommandOutput } from './commands';
import type { CallerContext, CommandHandlers } from './handlers';
import type { CommandResult, ContractError } from './wire';

function issuesOf(error: z.ZodError): NonNullable<ContractError['issues']> {
  return error.issues.map((issue) => ({
    path: issue.path.length === 0 ? '(input)' : issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * Validates an untrusted command (name and input) against the contract, runs its handler and
 * checks the handler's output. Every failure becomes a typed error result; nothing throws, so
 * a bad message from the renderer or a browser can never take the main process down.
 */
export async function dispatchCommand(
  handlers: CommandHandlers,
  name: unknown,
  input: unknown,
  caller: CallerContext,
): Promise<CommandResult<unknown>> {
  if (!isCommandName(name)) {
    const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : typeof name;
    return {
      ok: false,
      error: { code: 'UNKNOWN_COMMAND', message: `Unknown command ${shown}.` },
    };
  }
  return runKnownCommand(handlers, name, input, caller);
}

async function runKnownCommand<N extends CommandName>(
  handlers: CommandHandlers,
  name: N,
  input: unknown,
  caller: CallerContext,
): Promise<CommandResult<CommandOutput<N>>> {
  const spec = commands[name];
  const parsed = spec.input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `Invalid input for ${name}: ${summary}`,
        issues,
      },
    };
  }
  let output: unknown;
  try {
    const handler = handlers[name] as (i: unknown, c: CallerContext) => unknown;
    output = await handler(parsed.data, caller);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'HANDLER_FAILED', message: `${name} failed: ${message}` } };
  }
  const checked = spec.output.safeParse(output);
  if (!checked.success) {
    // A handler that breaks the contract is our bug; say so instead of passing bad data on.
    const summary = issuesOf(checked.error)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    return {
      ok: false,
      error: { code: 'INVALID_OUTPUT', message: `${name} produced invalid output: ${summary}` },
    };
  }
  return { ok: true, output: checked.data as CommandOutput<N> };
}
