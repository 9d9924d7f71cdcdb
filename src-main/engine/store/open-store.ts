import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { syncFolder } from '../private-file';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Migration } from './migrations';
import { StoreOpenError } from './store-error';
import {
  describeStorageProblem,
  diagnoseStorageProblem,
  errorCode,
  storageProblemOf,
} from './storage-failure';

/** Marks a SQLite file as Vigil's (PRAGMA application_id), so we never adopt a stranger's DB. */
export const VIGIL_APPLICATION_ID = 0x5649474c; // "VIGL"

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface Store {
  readonly db: Database;
  readonly path: string;
  readonly schemaVersion: number;
  close(): void;
}

/** The database and the files SQLite keeps beside it in WAL mode. */
const SIDECARS = ['-wal', '-shm'] as const;

/**
 * Opens (or creates) the Vigil database. Only a missing file is created — complete, under a
 * temporary name renamed into place, mode 0600 — so an existing empty file is never taken for
 * a new database. An existing file is checked read-only first — writable folder, SQLite
 * header, application id, schema version, integrity — so a foreign, empty or corrupt file is
 * refused with a clear error and never written to (nor given -wal/-shm files beside it). Then
 * WAL mode, foreign keys and every pending migration (in one transaction) are applied.
 */
export function openStore(path: string, list: readonly Migration[]): Store {
  if (path !== ':memory:') {
    if (existsSync(path)) {
      requireWritable(path);
      inspectExisting(path, list.length);
      keepPrivate(path);
    } else {
      requireWritable(dirname(path));
      createDatabase(path, list);
    }
  }

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

/**
 * Opens an existing Vigil database read-only, for commands that only read (audit verify): the
 * same checks as openStore (header, application id, integrity), no migration applied, and a
 * schema this Vigil does not know (a newer version, or migrations it has never heard of)
 * refused with what it found. Nothing is written; sidecar files it had to create are removed.
 */
export function openStoreReadOnly(path: string, list: readonly Migration[]): Store {
  if (!existsSync(path)) throw new StoreOpenError(path, 'no Vigil database here');
  inspectExisting(path, list.length);
  let db: Database;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StoreOpenError(path, unreadableReason(error, path));
  }
  try {
    const known = new Set(list.map((m) => m.id));
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    const applied = hasTable
      ? (db.prepare('SELECT id FROM schema_migrations').all() as Array<{ id: string }>).map(
          (r) => r.id,
        )
      : [];
    const unknown = applied.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new StoreOpenError(
        path,
        `database has migrations this Vigil does not know (${unknown.join(', ')}); update Vigil`,
      );
    }
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

/** A read-only file system or a permission problem, said as such, before anything is opened. */
function requireWritable(target: string): void {
  for (const path of target === dirname(target) ? [target] : [target, dirname(target)]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      const problem = storageProblemOf(error);
      const why =
        problem === null
          ? `cannot write ${path} (${errorCode(error) ?? String(error)})`
          : describeStorageProblem(problem, path);
      throw new StoreOpenError(target, `${why}; Vigil must be able to write its database there`);
    }
  }
}

/** Other local users must not read orders and the ledger: 0600 on the database and its WAL. */
function keepPrivate(path: string): void {
  if (process.platform === 'win32') return;
  for (const file of [path, ...SIDECARS.map((s) => path + s)]) {
    if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  }
}

/**
 * A new database, complete before it gets its name: built under `<path>.creating` (0600; SQLite
 * gives its -wal/-shm the same mode), closed, then renamed into place. A crash half-way leaves
 * only the temporary file, never an empty or half-migrated vigil.db.
 */
function createDatabase(path: string, list: readonly Migration[]): void {
  const building = `${path}.creating`;
  for (const file of [building, ...SIDECARS.map((s) => building + s)])
    rmSync(file, { force: true });
  let db: Database | undefined;
  try {
    closeSync(openSync(building, 'wx', 0o600));
    db = new BetterSqlite3(building);
    db.pragma('journal_mode = WAL');
    applyMigrations(db, list);
    db.close();
    renameSync(building, path);
    syncFolder(dirname(path));
  } catch (error) {
    if (db?.open) db.close();
    for (const file of [building, ...SIDECARS.map((s) => building + s)])
      rmSync(file, { force: true });
    const problem = diagnoseStorageProblem(error, path);
    throw new StoreOpenError(
      path,
      problem === null
        ? `cannot create the database: ${(error as Error).message}`
        : `cannot create the database: ${describeStorageProblem(problem, path)}`,
    );
  }
}

function inspectExisting(path: string, latest: number): void {
  if (statSync(path).size === 0) {
    throw new StoreOpenError(
      path,
      'the file is empty (0 bytes); a Vigil database is never empty, so it was truncated or replaced. Move it aside to start a new database, or restore it from a backup',
    );
  }
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
  // A read-only connection to a WAL database creates -wal/-shm when they are missing; a file we
  // refuse must be left exactly as found, so remove the (empty) ones we caused.
  const created = SIDECARS.map((s) => path + s).filter((file) => !existsSync(file));
  let refused = true;
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
    refused = false;
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(path, unreadableReason(error, path));
  } finally {
    db?.close();
    if (refused) for (const file of created) removeIfEmpty(file);
  }
}

/** What SQLite's refusal means: corrupt, or a disk problem said in its own words. */
function unreadableReason(error: unknown, path: string): string {
  const code = errorCode(error) ?? 'error';
  const message = (error as Error).message;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
    return `database is corrupt: ${message}`;
  const problem = diagnoseStorageProblem(error, path);
  if (problem !== null) return `${describeStorageProblem(problem, path)} (${code}: ${message})`;
  return `database cannot be read (${code}: ${message})`;
}

function removeIfEmpty(file: string): void {
  // The -shm is an index SQLite rebuilds; the -wal we caused holds no frames.
  if (!existsSync(file)) return;
  if (file.endsWith('-wal') && statSync(file).size > 0) return;
  rmSync(file, { force: true });
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
