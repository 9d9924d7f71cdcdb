/** One field-level problem: the path into the input and what is wrong there. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** The contract error codes a handler may answer with on purpose. */
export type RefusalCode = 'INVALID_INPUT' | 'REFUSED' | 'STORAGE_FAILED';

/**
 * An error a handler throws on purpose: the caller's input is wrong (INVALID_INPUT, past what
 * the schema can say: a zero quantity, a bracket on the wrong side, an invalid risk value), the
 * engine's state refuses the command (REFUSED: resume while HALTED, rearm with open orders), or
 * the data folder cannot be written (STORAGE_FAILED: no space, read-only, permission denied).
 * The transports answer it with its own code. Anything else a handler throws is a Vigil bug and
 * comes back as HANDLER_FAILED.
 */
export class CommandRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly fields: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'CommandRefusal';
  }
}

/** Bad input found past the schema; the message names every field ("qty: must be positive"). */
export class InvalidInputError extends CommandRefusal {
  constructor(context: string, fields: readonly FieldIssue[]) {
    super(
      'INVALID_INPUT',
      `${context}: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
      fields,
    );
    this.name = 'InvalidInputError';
  }
}

/** The engine's current state does not allow the command; the message says why. */
export class RefusedError extends CommandRefusal {
  constructor(message: string) {
    super('REFUSED', message);
    this.name = 'RefusedError';
  }
}
