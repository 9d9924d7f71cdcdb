import type { Database } from 'better-sqlite3';

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
 * The store's own tables. Feature areas define their migrations in their own folders; the
 * composition root (src-main/engine/schema.ts) lists them after these and hands the list to
 * openStore, so the store never imports a feature area.
 */
export const CORE_MIGRATIONS: readonly Migration[] = [coreSchema];
