import type { z } from 'zod';
import type { CliIo } from './cli-io';

/**
 * A secret handed over as exactly one JSON object on stdin (`--stdin`), checked by `schema`.
 * Null, with the reason on stderr, when there is no stdin or it is not the expected object;
 * what was read is never echoed: it is (most likely) a secret. `shape` shows the expected
 * object in messages, e.g. `{"apiKey": "...", "secret": "..."}`.
 */
export async function readStdinJson<T>(
  io: CliIo,
  command: string,
  schema: z.ZodType<T>,
  shape: string,
): Promise<T | null> {
  if (io.input === undefined) {
    io.stderr(`vigil ${command}: no standard input to read from\n`);
    return null;
  }
  const text = await io.input.readAll();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    io.stderr(`vigil ${command}: standard input is not one JSON object ${shape}\n`);
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(object)').join(', ');
    io.stderr(`vigil ${command}: standard input must be ${shape}; wrong or missing: ${where}\n`);
    return null;
  }
  return parsed.data;
}

/** The terminal to prompt on without echo, or null (said on stderr) when there is none. */
export function secretPrompt(io: CliIo, command: string): NonNullable<CliIo['input']> | null {
  const input = io.input;
  if (input === undefined || !input.interactive) {
    io.stderr(`vigil ${command}: no terminal to prompt on; pipe the secret as JSON with --stdin\n`);
    return null;
  }
  return input;
}
