import type { SecretStore } from '../../src-main/engine/secrets/secret-store';

/**
 * A SecretStore double for tests that are about something else than the keychain (permission
 * verdicts, the connection list). The keychain itself is tested against a real Secret Service.
 */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'test memory store';
  readonly entries = new Map<string, string>();

  get(account: string): Promise<string | null> {
    return Promise.resolve(this.entries.get(account) ?? null);
  }

  set(account: string, secret: string): Promise<void> {
    this.entries.set(account, secret);
    return Promise.resolve();
  }

  delete(account: string): Promise<boolean> {
    return Promise.resolve(this.entries.delete(account));
  }
}
