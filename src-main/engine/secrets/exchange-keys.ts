import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { CommandRefusal } from '../../../src-shared/contract/command-refusal';
import {
  KeyVerificationSchema,
  type ConnectionConfig,
  type KeyStatus,
  type KeyVerification,
} from '../../../src-shared/domain/connection';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { ExchangeCredentials } from '../market/ccxt-exchange';
import { capabilitiesOf } from '../market/exchanges/exchange-capabilities';
import type { PermissionCheck } from './permission-check';
import { jsonOrUndefined } from './json-or-undefined';
import { maskTail } from './mask-tail';
import { redact } from './redact';
import type { PurposeSecrets } from './secrets';

/** What the trader types to store a key whose permissions the exchange cannot report. */
export const ACKNOWLEDGE_UNVERIFIABLE = 'UNVERIFIABLE';

/** A key as the trader hands it over (terminal, stdin JSON or the masked form). */
export interface KeyInput {
  readonly apiKey: string;
  readonly secret: string;
  readonly password?: string;
  /** Must equal ACKNOWLEDGE_UNVERIFIABLE for exchanges without a permission endpoint. */
  readonly acknowledge?: string;
}

/**
 * A key request refused; the message names the problem; nothing was stored. INVALID_INPUT for
 * what was typed (empty, spaces, missing passphrase, no acknowledgement); REFUSED for state.
 */
export class KeyError extends CommandRefusal {
  constructor(message: string, code: 'INVALID_INPUT' | 'REFUSED' = 'INVALID_INPUT') {
    super(code, message);
    this.name = 'KeyError';
  }
}

const StoredCredentials = z
  .object({ apiKey: z.string().min(1), secret: z.string().min(1), password: z.string().optional() })
  .strict();

interface KeyRow {
  connection: string;
  key_hint: string;
  set_at: number;
  acknowledged_at: number | null;
  verification: string | null;
}

export interface ExchangeKeysDeps {
  readonly db: Database;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** The keychain, purpose 'exchange': one entry per connection name. */
  readonly secrets: PurposeSecrets;
  /** The connection a key belongs to; throws when there is none. */
  readonly connection: (name: string) => ConnectionConfig;
  readonly check: PermissionCheck;
  /** Told after every change of a key's status (to publish it). */
  readonly onChange?: (connection: string) => void;
}

/**
 * Exchange API keys: stored only in the OS keychain, described in SQLite by a masked hint and
 * the last permission check. Set, replace, delete and every verification are audited with the
 * connection and the masked public key only. Nothing here returns a secret to a caller except
 * `credentials`, which the engine's own live paths use and no command exposes.
 */
export class ExchangeKeys {
  private readonly s: Record<'get' | 'upsert' | 'verified' | 'remove', Statement>;

  constructor(private readonly deps: ExchangeKeysDeps) {
    this.s = {
      get: deps.db.prepare('SELECT * FROM exchange_keys WHERE connection = ?'),
      upsert: deps.db.prepare(
        `INSERT INTO exchange_keys (connection, key_hint, set_at, acknowledged_at, verification)
         VALUES (?, ?, ?, ?, NULL)
         ON CONFLICT(connection) DO UPDATE SET key_hint = excluded.key_hint,
           set_at = excluded.set_at, acknowledged_at = excluded.acknowledged_at, verification = NULL`,
      ),
      verified: deps.db.prepare('UPDATE exchange_keys SET verification = ? WHERE connection = ?'),
      remove: deps.db.prepare('DELETE FROM exchange_keys WHERE connection = ?'),
    };
  }

  /** The key's status from SQLite; never touches the keychain. */
  status(name: string): KeyStatus {
    const config = this.deps.connection(name);
    const row = this.row(name);
    const verification =
      row?.verification == null
        ? null
        : KeyVerificationSchema.parse(JSON.parse(row.verification) as unknown);
    return {
      connection: name,
      set: row !== undefined,
      publicKeyHint: row?.key_hint ?? null,
      setAt: row?.set_at ?? null,
      needsPassword: config.needsPassword,
      verifiable: capabilitiesOf(config.exchange).permissions !== null,
      verification,
    };
  }

  /**
   * Stores (or replaces) a connection's key in the keychain, then checks its permissions with
   * the exchange. Refused before anything is stored when the input is incomplete, the exchange
   * needs a passphrase that is missing, or the exchange cannot verify keys and the trader did
   * not type the acknowledgement. A keychain failure stores nothing.
   */
  async set(name: string, input: KeyInput, actor: string): Promise<KeyStatus> {
    const config = this.deps.connection(name);
    const credentials = validateKey(config, input, config.needsPassword);
    const caps = capabilitiesOf(config.exchange);
    if (caps.permissions === null && input.acknowledge !== ACKNOWLEDGE_UNVERIFIABLE) {
      throw new KeyError(
        `${caps.label} cannot report a key's permissions, so Vigil cannot check that this key is unable to withdraw. ` +
          `To store it anyway, acknowledge by typing ${ACKNOWLEDGE_UNVERIFIABLE}. ${caps.tradeOnlyKeyHelp}`,
      );
    }
    const replaced = this.row(name) !== undefined;
    await this.deps.secrets.set(name, JSON.stringify(credentials));
    const now = this.deps.clock.now();
    const hint = maskTail(credentials.apiKey);
    this.s.upsert.run(name, hint, now, caps.permissions === null ? now : null);
    this.deps.audit.append({
      kind: replaced ? 'key.replaced' : 'key.set',
      actor,
      payload: { connection: name, exchange: config.exchange, publicKeyHint: hint },
    });
    this.deps.onChange?.(name);
    return this.runCheck(config, credentials, actor);
  }

  /** Checks a stored key's permissions again (the engine does at every start). */
  async verify(name: string, actor: string): Promise<KeyStatus> {
    const config = this.deps.connection(name);
    if (this.row(name) === undefined)
      throw new KeyError(`connection '${name}' has no key set`, 'REFUSED');
    let credentials: ExchangeCredentials;
    try {
      credentials = await this.credentials(name);
    } catch (error) {
      return this.record(config, actor, {
        at: this.deps.clock.now(),
        verdict: 'unverified',
        summary: `cannot read the key from the keychain: ${(error as Error).message}`,
        permissions: [],
        warnings: [],
      });
    }
    return this.runCheck(config, credentials, actor);
  }

  /** Verifies every stored key, one after another; failures are recorded, never thrown. */
  async verifyAll(names: readonly string[], actor: string): Promise<void> {
    for (const name of names) {
      if (this.row(name) !== undefined) await this.verify(name, actor);
    }
  }

  /** Deletes the key from the keychain and its record. */
  async delete(name: string, actor: string): Promise<KeyStatus> {
    const config = this.deps.connection(name);
    const row = this.row(name);
    if (row === undefined) throw new KeyError(`connection '${name}' has no key set`, 'REFUSED');
    await this.deps.secrets.delete(name);
    this.s.remove.run(name);
    this.deps.audit.append({
      kind: 'key.deleted',
      actor,
      payload: { connection: name, exchange: config.exchange, publicKeyHint: row.key_hint },
    });
    this.deps.onChange?.(name);
    return this.status(name);
  }

  /** Removes a connection's key along with the connection (audited as a deletion). */
  async forget(name: string, actor: string): Promise<void> {
    if (this.row(name) !== undefined) await this.delete(name, actor);
  }

  /**
   * The credentials for the engine's own signed calls. Engine-internal: no command, event or
   * log line may carry what this returns.
   */
  async credentials(name: string): Promise<ExchangeCredentials> {
    const stored = await this.deps.secrets.get(name);
    if (stored === null) throw new KeyError(`no key for '${name}' in the keychain`, 'REFUSED');
    const parsed = StoredCredentials.safeParse(jsonOrUndefined(stored));
    if (!parsed.success) {
      throw new KeyError(`the keychain entry for '${name}' is not a Vigil key`, 'REFUSED');
    }
    return parsed.data;
  }

  private async runCheck(
    config: ConnectionConfig,
    credentials: ExchangeCredentials,
    actor: string,
  ): Promise<KeyStatus> {
    let result: KeyVerification;
    try {
      result = await this.deps.check({
        exchange: config.exchange,
        apiOrigin: config.apiOrigin,
        credentials,
        now: () => this.deps.clock.now(),
      });
    } catch (error) {
      result = {
        at: this.deps.clock.now(),
        verdict: 'unverified',
        summary: `permission check failed: ${redact(String(error), credentials)}`,
        permissions: [],
        warnings: [],
      };
    }
    if (result.verdict === 'unverifiable' && this.row(config.name)?.acknowledged_at == null) {
      result = { ...result, verdict: 'unverified' };
    }
    return this.record(config, actor, {
      ...result,
      summary: redact(result.summary, credentials),
      warnings: result.warnings.map((w) => redact(w, credentials)),
    });
  }

  private record(config: ConnectionConfig, actor: string, result: KeyVerification): KeyStatus {
    const row = this.row(config.name);
    if (row === undefined) return this.status(config.name); // deleted while it was checked
    this.s.verified.run(JSON.stringify(result), config.name);
    this.deps.audit.append({
      kind: 'key.verified',
      actor,
      payload: {
        connection: config.name,
        exchange: config.exchange,
        publicKeyHint: row.key_hint,
        verdict: result.verdict,
        summary: result.summary,
        permissions: result.permissions,
        warnings: result.warnings,
        checkedAt: result.at,
      },
    });
    this.deps.onChange?.(config.name);
    return this.status(config.name);
  }

  private row(name: string): KeyRow | undefined {
    return this.s.get.get(name) as KeyRow | undefined;
  }
}

function validateKey(
  config: ConnectionConfig,
  input: KeyInput,
  needsPassword: boolean,
): ExchangeCredentials {
  const field = (value: unknown, what: string): string => {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new KeyError(`the ${what} is empty; nothing was stored`);
    }
    if (value !== value.trim()) {
      throw new KeyError(
        `the ${what} has leading or trailing spaces (a copy-paste slip?); nothing was stored`,
      );
    }
    return value;
  };
  const apiKey = field(input.apiKey, 'API key');
  if (apiKey.length < 8)
    throw new KeyError('the API key is too short to be a key; nothing was stored');
  const secret = field(input.secret, 'secret');
  if (needsPassword) {
    const password = field(input.password, `passphrase (${config.exchange} keys come with one)`);
    return { apiKey, secret, password };
  }
  if (input.password !== undefined && input.password !== '') {
    throw new KeyError(`${config.exchange} keys have no passphrase; nothing was stored`);
  }
  return { apiKey, secret };
}
