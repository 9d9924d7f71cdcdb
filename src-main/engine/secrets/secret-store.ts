import { CommandRefusal } from '../../../src-shared/contract/command-refusal';

/**
 * The secrets port. One production implementation (keytar: macOS Keychain, Windows Credential
 * Manager, Secret Service on Linux); nothing else may hold a secret — no file, no environment
 * variable, no database column. Accounts are opaque strings chosen by `Secrets` (one per
 * data folder, purpose and name), so the port knows nothing about exchanges or alerts.
 */
export interface SecretStore {
  /** Where secrets go, for messages: e.g. 'the OS keychain (Secret Service)'. */
  readonly backend: string;
  /** The stored secret, or null when there is none. Engine-internal: never exposed. */
  get(account: string): Promise<string | null>;
  /** Stores (or replaces) a secret; throws SecretStoreUnavailableError with a remedy. */
  set(account: string, secret: string): Promise<void>;
  /** Removes a secret; false when there was none. */
  delete(account: string): Promise<boolean>;
}

/** Why the keychain cannot be used right now. */
export type SecretStoreProblem = 'no-keychain' | 'locked' | 'not-persisted' | 'backend-failed';

/**
 * The keychain cannot store or read secrets. The message says what to install or unlock;
 * nothing falls back to a weaker store. A command meeting it is REFUSED, not a Vigil bug.
 */
export class SecretStoreUnavailableError extends CommandRefusal {
  constructor(
    readonly problem: SecretStoreProblem,
    message: string,
  ) {
    super('REFUSED', message);
    this.name = 'SecretStoreUnavailableError';
  }
}
