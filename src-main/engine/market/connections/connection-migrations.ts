import type { Database } from 'better-sqlite3';
import type { Migration } from '../../store/migrations';

/** Exchange connections: public market data settings. No key material ever goes here. */
const connections: Migration = {
  id: 'market-002-exchange-connections',
  description: 'exchange connections (exchange, watchlist, timeframes, API origin override)',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE exchange_connections (
        name       TEXT    PRIMARY KEY,
        exchange   TEXT    NOT NULL,
        symbols    TEXT    NOT NULL,
        timeframes TEXT    NOT NULL,
        api_origin TEXT,
        enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        needs_password INTEGER NOT NULL CHECK (needs_password IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

/**
 * What is known about each connection's key, never the key: the last four characters of the
 * public key, when it was set, an explicit acknowledgement for exchanges whose keys cannot be
 * verified, and the last permission check. The key and secret live only in the OS keychain.
 */
const keyRecords: Migration = {
  id: 'secrets-001-exchange-key-records',
  description: 'exchange key status (masked hint, set time, last permission check)',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE exchange_keys (
        connection      TEXT    PRIMARY KEY,
        key_hint        TEXT    NOT NULL,
        set_at          INTEGER NOT NULL,
        acknowledged_at INTEGER,
        verification    TEXT
      ) STRICT;
    `);
  },
};

export const connectionMigrations: Migration[] = [connections, keyRecords];
