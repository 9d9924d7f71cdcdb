import { SecretStoreUnavailableError, type SecretStore } from './secret-store';

/**
 * The store of an engine started without a keychain (unit and integration tests that never
 * touch keys). It holds nothing and refuses every write: there is no fallback store.
 */
export class NoKeychain implements SecretStore {
  readonly backend = 'no keychain';

  get(): Promise<string | null> {
    return Promise.resolve(null);
  }

  set(): Promise<void> {
    return Promise.reject(
      new SecretStoreUnavailableError(
        'no-keychain',
        'this engine was started without an OS keychain, so it cannot store keys or alert secrets',
      ),
    );
  }

  delete(): Promise<boolean> {
    return Promise.resolve(false);
  }
}
