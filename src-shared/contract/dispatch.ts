import type { z } from 'zod';
import { CommandRefusal } from './command-refusal';
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
 * a bad message from the renderer or a browser can never take the main process down. A
 * CommandRefusal keeps its own code (INVALID_INPUT, REFUSED, STORAGE_FAILED); anything else a
 * handler throws is HANDLER_FAILED.
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
  try {
    return await runKnownCommand(handlers, name, input, caller);
  } catch (error) {
    // Only a defect outside the handler gets here (a schema or an output that throws while
    // being checked): the caller still gets an answer.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: 'HANDLER_FAILED', message: `${name} failed (internal error): ${message}` },
    };
  }
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
    if (error instanceof CommandRefusal) {
      const issues = error.fields.map((f) => ({ path: f.path, message: f.message }));
      return {
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          ...(issues.length > 0 ? { issues } : {}),
        },
      };
    }
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
