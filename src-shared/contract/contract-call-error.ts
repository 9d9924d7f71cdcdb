import type { ContractError, ContractErrorCode } from './wire';

/**
 * A command's typed error, thrown by the typed client. Its own file with type-only imports, so
 * the CLI can word it without loading zod (wire.ts's schemas cost the kill CLI's start).
 */
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
