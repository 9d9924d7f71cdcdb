import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrations, type Migration } from './migrations';
import { StoreOpenError } from './store-error';

/** Marks a SQLite file as Vigil's (PRAGMA application_id), so we never adopt a stranger's DB. */
export const VIGIL_APPLICATION_ID = 0x5649474c; // "VIGL"

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface Store {
  readonly db: Database;
  readonly path: string;
  readonly schemaVersion: number;
  close(): void;
}

/**
 * Opens (or creates) the Vigil database. An existing file is checked read-only first — SQLite
 * header, application id, schema version, integrity — so a foreign or corrupt file is refused
 * with a clear error and never written to. Then WAL mode, foreign keys and every pending
 * migration (in one transaction) are applied.
 */
export function openStore(path: string, list: readonly Migration[] = migrations): Store {
  if (path !== ':memory:' && existsSync(path)) inspectExisting(path, list.length);

  let db: Database;
  try {
    db = new BetterSqlite3(path);
  } catch (error) {
    throw new StoreOpenError(path, (error as Error).message);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    applyMigrations(db, list);
  } catch (error) {
    db.close();
    throw error instanceof StoreOpenError ? error : new StoreOpenError(path, String(error));
  }
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  return {
    db,
    path,
    schemaVersion,
    close: () => {
      if (db.open) db.close();
    },
  };
}

function inspectExisting(path: string, latest: number): void {
  if (statSync(path).size === 0) return; // an empty file is a fresh database
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new StoreOpenError(path, 'not a SQLite database (bad file header)');
  }
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== VIGIL_APPLICATION_ID && !(appId === 0 && version === 0 && isEmpty(db))) {
      throw new StoreOpenError(path, `not a Vigil database (application_id ${appId})`);
    }
    if (version > latest) {
      throw new StoreOpenError(
        path,
        `schema version ${version} is newer than this Vigil understands (${latest}); update Vigil`,
      );
    }
    const check = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = check.map((row) => row.integrity_check).filter((v) => v !== 'ok');
    if (problems.length > 0) {
      throw new StoreOpenError(path, `database is corrupt: ${problems.slice(0, 3).join('; ')}`);
    }
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(
      path,
      `database is corrupt or unreadable: ${(error as Error).message}`,
    );
  } finally {
    db?.close();
  }
}

function isEmpty(db: Database): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as {
    n: number;
  };
  return row.n === 0;
}

function applyMigrations(db: Database, list: readonly Migration[]): void {
  const ids = new Set(list.map((m) => m.id));
  if (ids.size !== list.length) throw new Error('migration list has duplicate ids');
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT',
  );
  const applied = new Set(
    (db.prepare('SELECT id FROM schema_migrations').all() as Array<{ id: string }>).map(
      (r) => r.id,
    ),
  );
  const unknown = [...applied].filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new Error(
      `database has migrations this Vigil does not know (${unknown.join(', ')}); update Vigil`,
    );
  }
  const pending = list.filter((m) => !applied.has(m.id));
  if (pending.length === 0) return;
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      record.run(migration.id, Date.now());
    }
    db.pragma(`application_id = ${VIGIL_APPLICATION_ID}`);
    db.pragma(`user_version = ${list.length}`);
  })();
}
