import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../../../src-main/engine/data-dir';
import { Engine } from '../../../../src-main/engine/engine';
import { runCli } from '../../../../src-main/host/cli/run-cli';
import { captureIo } from '../../../support/capture-io';
import { ManualClock } from '../../../support/manual-clock';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function engineRunOnce(dataDir: string): void {
  const clock = new ManualClock(1_767_225_600_000);
  Engine.start({ dataDir, version: 't', host: 'test', clock, scheduler: clock }).stop('done');
}

function appliedMigrations(path: string): string[] {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return (
      db.prepare('SELECT id FROM schema_migrations ORDER BY rowid').all() as Array<{
        id: string;
      }>
    ).map((r) => r.id);
  } finally {
    db.close();
  }
}

describe('vigil audit verify opens the database read-only', () => {
  it('applies no migration to an older database and leaves its file as it was', async () => {
    const dataDir = tempDir();
    engineRunOnce(dataDir);
    const path = databasePath(dataDir);
    // Make it an older database: its newest migration not applied yet.
    const db = new BetterSqlite3(path);
    const newest = (
      db.prepare('SELECT id FROM schema_migrations ORDER BY rowid DESC LIMIT 1').get() as {
        id: string;
      }
    ).id;
    db.prepare('DELETE FROM schema_migrations WHERE id = ?').run(newest);
    db.pragma(`user_version = ${appliedMigrations(path).length}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = readFileSync(path);
    const applied = appliedMigrations(path);

    const io = captureIo();
    expect(await runCli(['audit', 'verify', '--data-dir', dataDir], io)).toBe(0);
    expect(io.out.join('')).toContain('audit chain intact');
    expect(appliedMigrations(path)).toEqual(applied);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a database with migrations this Vigil does not know, naming them', async () => {
    const dataDir = tempDir();
    engineRunOnce(dataDir);
    const path = databasePath(dataDir);
    const db = new BetterSqlite3(path);
    db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES ('future-001-x', 1)").run();
    db.close();
    const io = captureIo();
    expect(await runCli(['audit', 'verify', '--data-dir', dataDir], io)).toBe(1);
    expect(io.err.join('')).toContain('future-001-x');
    expect(io.err.join('')).toContain(path);
  });
});
