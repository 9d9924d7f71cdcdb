import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../src-main/engine/engine';
import {
  acquireDataDirLock,
  DataDirLockedError,
  lockFilePath,
  readLockOwner,
} from '../../../../src-main/engine/store/data-dir-lock';
import { ManualClock } from '../../../support/manual-clock';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
/** Lets the startup reconciliation finish before a stop closes the database under it. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
};
const owner = { pid: 4242, host: 'electron', startedAt: Date.UTC(2026, 0, 5) };

describe('data folder lock', () => {
  it('refuses a second engine on the same folder while the first runs, naming it', async () => {
    const dir = tempDir();
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const first = Engine.start({
      dataDir: dir,
      version: 't',
      host: 'electron',
      clock,
      scheduler: clock,
    });
    let error: unknown;
    try {
      Engine.start({ dataDir: dir, version: 't', host: 'host', clock, scheduler: clock }).stop('x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect(String(error)).toContain(
      `another Vigil engine is running on ${dir} (pid ${process.pid}, electron`,
    );
    await settle();
    first.stop('done');
    expect(existsSync(lockFilePath(dir))).toBe(false);
    // Free again: the next start works.
    const next = Engine.start({
      dataDir: dir,
      version: 't',
      host: 'host',
      clock,
      scheduler: clock,
    });
    await settle();
    next.stop('ok');
  });

  it('takes over the lock of an engine that crashed, and says so in the audit chain', async () => {
    const dir = tempDir();
    writeFileSync(lockFilePath(dir), JSON.stringify({ ...owner, pid: 999_999_999 }));
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const engine = Engine.start({
      dataDir: dir,
      version: 't',
      host: 'host',
      clock,
      scheduler: clock,
    });
    const row = engine.store.db
      .prepare("SELECT payload FROM audit_log WHERE kind = 'engine.lock_reclaimed'")
      .get() as { payload: string } | undefined;
    expect(JSON.parse(row?.payload ?? '{}')).toMatchObject({ pid: 999_999_999, host: 'electron' });
    expect(readLockOwner(dir)).toMatchObject({ pid: process.pid, host: 'host' });
    await settle();
    engine.stop('done');
  });

  it('treats an unreadable lock file as stale, and a live owner as running', () => {
    const dir = tempDir();
    writeFileSync(lockFilePath(dir), 'not json');
    const lock = acquireDataDirLock(dir, owner, () => false);
    expect(lock.reclaimed).toMatchObject({ host: 'unreadable lock file' });
    expect(() => acquireDataDirLock(dir, { ...owner, pid: 7 }, () => true)).toThrow(
      /pid 4242, electron/,
    );
    lock.release();
    expect(existsSync(lockFilePath(dir))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names its owner without writing a byte, so it is taken on a full disk too', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, owner, () => false);
    // Both names are one empty file: link() made the lock, nothing was written into it.
    expect(readdirSync(dir).sort()).toEqual([
      'engine.lock',
      `engine.lock.4242.${owner.startedAt}.electron`,
    ]);
    expect(readLockOwner(dir)).toEqual(owner);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});
