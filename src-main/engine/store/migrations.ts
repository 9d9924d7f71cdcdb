import type { Database } from 'better-sqlite3';
import { executionMigrations } from '../execution/execution-migrations';
import { paperMigrations } from '../execution/paper/paper-migrations';
import { ledgerMigrations } from '../ledger/ledger-migrations';
import { connectionMigrations } from '../market/connections/connection-migrations';
import { marketMigrations } from '../market/market-migrations';
import { planMigrations } from '../plans/plan-migrations';

/**
 * One schema step, identified by a unique id ("<area>-<NNN>-<what>"). A migration never
 * changes once shipped; new tables come as new entries appended to the list below.
 */
export interface Migration {
  readonly id: string;
  readonly description: string;
  up(db: Database): void;
}

const coreSchema: Migration = {
  id: 'core-001-meta-audit',
  description: 'meta key/value and the append-only audit chain',
  up(db: Database): void {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        at        INTEGER NOT NULL,
        kind      TEXT    NOT NULL,
        actor     TEXT    NOT NULL,
        payload   TEXT    NOT NULL,
        prev_hash TEXT    NOT NULL,
        hash      TEXT    NOT NULL
      ) STRICT;

      -- Append-only: the application can never rewrite history, only add to it.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};

/**
 * The schema, in order of application. Each feature area appends its own migrations (defined
 * in its own folder) here; the store applies every missing one inside one transaction at open.
 * The schema version is the number of migrations applied.
 */
export const migrations: readonly Migration[] = [
  coreSchema,
  ...ledgerMigrations,
  ...executionMigrations,
  ...paperMigrations,
  ...marketMigrations,
  ...connectionMigrations,
  ...planMigrations,
];

export const LATEST_SCHEMA_VERSION = migrations.length;
