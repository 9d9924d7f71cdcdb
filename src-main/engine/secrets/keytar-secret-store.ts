import type * as KeytarModule from 'keytar';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store';

type Keytar = typeof KeytarModule;

/** The keychain service every Vigil secret is filed under. */
export const KEYCHAIN_SERVICE = 'Vigil';

export interface KeytarSecretStoreOptions {
  readonly platform?: NodeJS.Platform;
  /** Loads the native module; injectable so a test can show a missing libsecret. */
  readonly load?: () => Promise<Keytar>;
}

/**
 * The OS keychain through keytar: macOS Keychain, Windows Credential Manager, and on Linux the
 * Secret Service over D-Bus (libsecret; gnome-keyring, KWallet or KeePassXC). keytar never
 * falls back to a file or an in-memory store: with no Secret Service it fails, and the failure
 * becomes a SecretStoreUnavailableError saying what to install or unlock. A stored secret is
 * read back once, so a store that silently did not persist is caught before we rely on it.
 */
export class KeytarSecretStore implements SecretStore {
  readonly backend: string;
  private readonly platform: NodeJS.Platform;
  private readonly load: () => Promise<Keytar>;
  private keytar: Promise<Keytar> | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.platform = options.platform ?? process.platform;
    this.load = options.load ?? loadKeytar;
    this.backend =
      this.platform === 'darwin'
        ? 'the macOS Keychain'
        : this.platform === 'win32'
          ? 'the Windows Credential Manager'
          : 'the OS keychain (Secret Service)';
  }

  async get(account: string): Promise<string | null> {
    const keytar = await this.module();
    return this.guard(() => keytar.getPassword(KEYCHAIN_SERVICE, account));
  }

  async set(account: string, secret: string): Promise<void> {
    const keytar = await this.module();
    await this.guard(() => keytar.setPassword(KEYCHAIN_SERVICE, account, secret));
    const back = await this.guard(() => keytar.getPassword(KEYCHAIN_SERVICE, account));
    if (back !== secret) {
      throw new SecretStoreUnavailableError(
        'not-persisted',
        `${this.backend} accepted the secret but did not return it when read back; it is not ` +
          'stored reliably, so Vigil will not use it. Check that your keychain is unlocked and ' +
          'saves to disk (a "login" keyring, not a session-only one).',
      );
    }
  }

  async delete(account: string): Promise<boolean> {
    const keytar = await this.module();
    return this.guard(() => keytar.deletePassword(KEYCHAIN_SERVICE, account));
  }

  private module(): Promise<Keytar> {
    this.keytar ??= this.load().catch((error: unknown) => {
      this.keytar = undefined; // a later call may succeed once the library is installed
      throw new SecretStoreUnavailableError(
        'no-keychain',
        `The keychain library could not be loaded (${messageOf(error)}). ` +
          installHint(this.platform),
      );
    });
    return this.keytar;
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** keytar reports every backend failure as a plain Error; name the cause and the remedy. */
  private translate(error: unknown): SecretStoreUnavailableError {
    const text = messageOf(error);
    if (/locked/i.test(text)) {
      return new SecretStoreUnavailableError(
        'locked',
        `${this.backend} is locked (${text}). Unlock it — log in to your desktop session, or ` +
          'unlock the "login" keyring in your keyring manager — and try again.',
      );
    }
    if (
      this.platform === 'linux' &&
      /d-?bus|secrets was not provided|service files|connect|no such file|autolaunch/i.test(text)
    ) {
      return new SecretStoreUnavailableError(
        'no-keychain',
        `No Secret Service is running (${text}). ${installHint(this.platform)}`,
      );
    }
    return new SecretStoreUnavailableError('backend-failed', `${this.backend} failed: ${text}`);
  }
}

function installHint(platform: NodeJS.Platform): string {
  if (platform === 'linux') {
    return (
      'Vigil keeps exchange keys and alert secrets only in the OS keychain: install and start a ' +
      'Secret Service ' +
      '(gnome-keyring: `apt install gnome-keyring libsecret-1-0`, or KeePassXC with Secret ' +
      'Service integration) in your desktop session, unlock it, and try again.'
    );
  }
  return 'Vigil keeps exchange keys and alert secrets only in the OS keychain; reinstall Vigil to restore it.';
}

async function loadKeytar(): Promise<Keytar> {
  const loaded = (await import('keytar')) as Keytar & { default?: Keytar };
  // CommonJS interop: the functions sit on `default` when bundled as ESM.
  return loaded.default ?? loaded;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
