import { mkdirSync, statSync, truncateSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditAnchorPath } from '../../src-main/engine/audit/audit-anchor';
import { databasePath } from '../../src-main/engine/data-dir';
import type { Engine } from '../../src-main/engine/engine';
import { runCli } from '../../src-main/host/cli/run-cli';
import { writeRuntimeFile, runtimeFilePath } from '../../src-main/host/runtime-file';
import { StoreOpenError } from '../../src-main/engine/store/store-error';
import { captureIo } from '../support/capture-io';
import { startTestEngine } from '../support/test-engine';
import { useTempDirs } from '../support/temp-dir';
import { mountTmpfs, skipReason, type Tmpfs } from '../support/tmpfs';

const tempDir = useTempDirs();
const modeOf = (path: string): number => statSync(path).mode & 0o777;

// Stopping right after start races the startup reconcile; its complaint is not this test's.
const startEngine = (dataDir: string): Engine => startTestEngine(dataDir);

describe('the data folder', () => {
  it('a kill, then `truncate -s 0 vigil.db`: the next start refuses instead of starting RUNNING', () => {
    const dir = tempDir();
    const engine = startEngine(dir);
    engine.risk.triggerKill({ actor: 'user:test', reason: 'before the truncate', flatten: false });
    engine.stop('test');
    truncateSync(databasePath(dir), 0);
    expect(() => startEngine(dir)).toThrow(StoreOpenError);
    expect(() => startEngine(dir)).toThrow('the file is empty (0 bytes)');
  });

  it.skipIf(process.platform === 'win32')(
    'is created 0700 with vigil.db, -wal and -shm 0600; host.json is always 0600',
    () => {
      const dir = join(tempDir(), 'nested', 'vigil');
      const engine = startEngine(dir);
      expect(modeOf(dir)).toBe(0o700);
      expect(modeOf(join(dir, '..'))).toBe(0o700);
      for (const file of [
        'vigil.db',
        'vigil.db-wal',
        'vigil.db-shm',
        'kill-latch',
        'audit-anchor.json',
      ])
        expect(modeOf(join(dir, file))).toBe(0o600);
      // An old host.json readable by everyone is replaced, not rewritten in place.
      writeFileSync(runtimeFilePath(dir), '{}');
      chmodSync(runtimeFilePath(dir), 0o644);
      writeRuntimeFile(dir, { pid: 1, port: 2, token: 'secret', startedAt: 3 });
      expect(modeOf(runtimeFilePath(dir))).toBe(0o600);
      chmodSync(auditAnchorPath(dir), 0o644);
      engine.stop('test'); // rewrites the anchor
      expect(modeOf(auditAnchorPath(dir))).toBe(0o600);
    },
  );
});

// Defect 8: a read-only file system is said to be read-only, not "corrupt or unreadable".
const mount = mountTmpfs(16 * 1024 * 1024);
const mountSkip = skipReason(mount);
afterAll(() => {
  if (mountSkip === null) (mount as Tmpfs).unmount();
});

describe(`on a read-only file system${mountSkip === null ? '' : ` (skipped: ${mountSkip})`}`, () => {
  it.skipIf(mountSkip !== null)(
    'an existing database, and a new data folder, are refused as read-only, naming where',
    async () => {
      const fs = mount as Tmpfs;
      const existing = join(fs.dir, 'vigil');
      startEngine(existing).stop('test');
      mkdirSync(join(fs.dir, 'renderer'));
      writeFileSync(join(fs.dir, 'renderer', 'index.html'), '<!doctype html>');
      fs.remount('ro');
      try {
        expect(() => startEngine(existing)).toThrow(
          `the file system holding ${databasePath(existing)} is read-only`,
        );
        const io = captureIo({ VIGIL_RENDERER_DIR: join(fs.dir, 'renderer') });
        const code = await runCli(['serve', '--data-dir', join(fs.dir, 'new', 'vigil')], io);
        expect(code).toBe(1);
        expect(io.err.join('')).toBe(
          `vigil serve: Cannot use the data folder ${join(fs.dir, 'new', 'vigil')}: cannot create it: the file system holding ${fs.dir} is read-only.\n`,
        );
      } finally {
        fs.remount('rw');
      }
    },
  );
});
