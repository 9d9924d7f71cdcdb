import { randomBytes } from 'node:crypto';
import type { Settings } from '../settings';
import type { SecretStore } from './secret-store';

const PROFILE_KEY = 'secrets_profile';
const PART = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The secrets of one purpose (e.g. 'exchange', 'alerts'), each under a short name. */
export interface PurposeSecrets {
  /** The secret itself: engine-internal, for the code that uses it; never for display. */
  get(name: string): Promise<string | null>;
  set(name: string, secret: string): Promise<void>;
  delete(name: string): Promise<boolean>;
  /** Whether a secret is stored, for status displays (never its value). */
  status(name: string): Promise<{ readonly set: boolean }>;
}

/**
 * The engine's view of the keychain for one data folder. Each data folder has a random
 * profile id (kept in its settings, not a secret), so two folders on one machine — a test run
 * and the trader's own, or two profiles — never see each other's keys. The keychain account is
 * `<profile>:<purpose>:<name>`; other areas take their own purpose (alerts: 'alerts').
 */
export class Secrets {
  readonly profile: string;

  constructor(
    readonly store: SecretStore,
    settings: Settings,
  ) {
    const existing = settings.get<string | null>(
      PROFILE_KEY,
      (v) => {
        if (typeof v !== 'string' || !/^[0-9a-f]{16}$/.test(v)) throw new Error('not a profile id');
        return v;
      },
      null,
    );
    this.profile = existing ?? randomBytes(8).toString('hex');
    if (existing === null) settings.set(PROFILE_KEY, this.profile);
  }

  /** The secrets of one purpose; purpose and names are lowercase slugs. */
  purpose(purpose: string): PurposeSecrets {
    checkPart('purpose', purpose);
    const account = (name: string): string => {
      checkPart('secret name', name);
      return `${this.profile}:${purpose}:${name}`;
    };
    return {
      get: (name) => this.store.get(account(name)),
      set: (name, secret) => {
        if (secret.length === 0) throw new Error(`${purpose} secret '${name}' is empty`);
        return this.store.set(account(name), secret);
      },
      delete: (name) => this.store.delete(account(name)),
      status: async (name) => ({ set: (await this.store.get(account(name))) !== null }),
    };
  }
}

function checkPart(what: string, value: string): void {
  if (!PART.test(value)) {
    throw new Error(`${what} '${value}' must be 1-64 of a-z, 0-9, '.', '_' or '-'`);
  }
}
