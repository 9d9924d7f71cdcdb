/**
 * The contract's error vocabulary, without zod: the CLI words these errors (and reads the
 * engine's replies) without loading zod, which cost `vigil kill` a tenth of a second or more
 * of its start. wire.ts builds its schemas from this list and checks them against these types.
 */
export const CONTRACT_ERROR_CODES = [
  'BAD_JSON',
  'BAD_MESSAGE',
  'UNKNOWN_COMMAND',
  /** The caller's input is wrong; `issues` name the fields. */
  'INVALID_INPUT',
  /** The engine's state refuses the command (e.g. resume while HALTED). */
  'REFUSED',
  /** The data folder cannot be written: no space, read-only, permission denied. */
  'STORAGE_FAILED',
  'TOO_LARGE',
  /** A Vigil bug: the handler failed in a way it did not mean to; logged with its stack. */
  'HANDLER_FAILED',
  'INVALID_OUTPUT',
  'TRANSPORT_CLOSED',
  /** The caller gave up waiting for a reply (the CLI's per-call timeout). */
  'TIMEOUT',
] as const;

export type ContractErrorCode = (typeof CONTRACT_ERROR_CODES)[number];

export interface ContractError {
  readonly code: ContractErrorCode;
  readonly message: string;
  /** Field-level problems for INVALID_INPUT: path into the input and what is wrong there. */
  readonly issues?: ReadonlyArray<{ readonly path: string; readonly message: string }> | undefined;
}

/** A command's typed error, thrown by the typed client. */
export class ContractCallError extends Error {
  readonly code: ContractErrorCode;
  readonly issues: ContractError['issues'];

  constructor(error: ContractError) {
    super(error.message);
    this.name = 'ContractCallError';
    this.code = error.code;
    this.issues = error.issues;
  }
}
