import {
  chmodSync,
  existsSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Migration } from '../../../../src-main/engine/store/migrations';
import { VIGIL_APPLICATION_ID, openStore } from '../../../../src-main/engine/store/open-store';
import { VIGIL_MIGRATIONS as migrations, openVigilStore } from '../../../../src-main/engine/schema';
import { StoreOpenError } from '../../../../src-main/engine/store/store-error';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function expectRefusedUntouched(path: string, message: string): void {
  const before = readFileSync(path);
  expect(() => openVigilStore(path)).toThrow(StoreOpenError);
  expect(() => openVigilStore(path)).toThrow(message);
  expect(() => openVigilStore(path)).toThrow(path);
  expect(readFileSync(path).equals(before)).toBe(true);
  // Nothing appears beside a refused file either.
  expect(existsSync(`${path}-wal`)).toBe(false);
  expect(existsSync(`${path}-shm`)).toBe(false);
}

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('openStore', () => {
  it('creates a new database with WAL, foreign keys and every migration', () => {
    const path = join(tempDir(), 'vigil.db');
    const store = openVigilStore(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('application_id', { simple: true })).toBe(VIGIL_APPLICATION_ID);
    expect(store.schemaVersion).toBe(migrations.length);
    const applied = store.db.prepare('SELECT id FROM schema_migrations ORDER BY rowid').all();
    expect(applied).toEqual(migrations.map((m) => ({ id: m.id })));
    store.close();
  });

  it('re-opens without re-applying migrations and keeps data', () => {
    const path = join(tempDir(), 'vigil.db');
    const first = openVigilStore(path);
    first.db.prepare("INSERT INTO meta (key, value) VALUES ('k', '\"v\"')").run();
    first.close();
    const second = openVigilStore(path);
    expect(second.db.prepare("SELECT value FROM meta WHERE key = 'k'").get()).toEqual({
      value: '"v"',
    });
    expect(second.db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
      n: migrations.length,
    });
    second.close();
  });

  it('applies a new migration on open, in a transaction that rolls back on failure', () => {
    const path = join(tempDir(), 'vigil.db');
    openVigilStore(path).close();
    const broken: Migration = {
      id: 'test-001-broken',
      description: 'creates a table then fails',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => openStore(path, [...migrations, broken])).toThrow('boom');
    const store = openVigilStore(path);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_schema WHERE name = 'half_done'")
      .all();
    expect(tables).toEqual([]);
    expect(store.schemaVersion).toBe(migrations.length);
    store.close();

    const good: Migration = {
      id: 'test-002-good',
      description: 'adds a table',
      up: (db) => db.exec('CREATE TABLE t (x)'),
    };
    const upgraded = openStore(path, [...migrations, good]);
    expect(upgraded.schemaVersion).toBe(migrations.length + 1);
    upgraded.close();
  });

  it('refuses a file that is not SQLite, leaving it untouched', () => {
    const path = join(tempDir(), 'vigil.db');
    writeFileSync(path, 'these are my trading notes, not a database\n'.repeat(100));
    expectRefusedUntouched(path, 'not a SQLite database');
  });

  it('refuses a SQLite database that belongs to another application', () => {
    const path = join(tempDir(), 'other.db');
    const other = new BetterSqlite3(path);
    other.exec('CREATE TABLE contacts (name TEXT)');
    other.close();
    expectRefusedUntouched(path, 'not a Vigil database');
  });

  it('refuses a corrupt Vigil database, leaving it untouched', () => {
    const path = join(tempDir(), 'vigil.db');
    const store = openVigilStore(path);
    const insert = store.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    for (let i = 0; i < 2000; i += 1) insert.run(`key-${i}`, 'x'.repeat(200));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    // Overwrite the middle of the file (inside table pages) with garbage, keeping the header.
    const bytes = readFileSync(path);
    bytes.fill(0xa5, 8192, 8192 + 4096 * 4);
    writeFileSync(path, bytes);
    expectRefusedUntouched(path, 'corrupt');
  });

  it('refuses a database written by a newer Vigil', () => {
    const path = join(tempDir(), 'vigil.db');
    const store = openVigilStore(path);
    store.db.pragma(`user_version = ${migrations.length + 5}`);
    store.close();
    expectRefusedUntouched(path, 'newer than this Vigil understands');
  });

  it('refuses an existing empty file instead of taking it for a new database', () => {
    const path = join(tempDir(), 'vigil.db');
    const store = openVigilStore(path);
    store.db.prepare("INSERT INTO meta (key, value) VALUES ('history', '\"precious\"')").run();
    store.close();
    truncateSync(path, 0); // what `truncate -s 0 vigil.db` does
    expectRefusedUntouched(path, 'the file is empty (0 bytes)');
    expect(statSync(path).size).toBe(0);
  });

  it.skipIf(process.platform === 'win32')(
    'creates the database 0600, with its -wal and -shm, and makes an existing 0644 one private',
    () => {
      const dir = tempDir();
      const path = join(dir, 'vigil.db');
      const store = openVigilStore(path);
      store.db.prepare("INSERT INTO meta (key, value) VALUES ('k', '1')").run();
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file)).toBe(0o600);
      expect(existsSync(`${path}.creating`)).toBe(false);
      store.close();
      // A database from before this rule, readable by everyone: tightened when opened.
      chmodSync(path, 0o644);
      openVigilStore(path).close();
      expect(modeOf(path)).toBe(0o600);
    },
  );
});
