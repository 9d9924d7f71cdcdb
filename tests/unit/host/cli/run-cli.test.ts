import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Engine } from '../../../../src-main/engine/engine';
import { databasePath, defaultDataDir } from '../../../../src-main/engine/data-dir';
import { openVigilStore } from '../../../../src-main/engine/schema';
import { runCli } from '../../../../src-main/host/cli/run-cli';
import { captureIo } from '../../../support/capture-io';
import { ManualClock } from '../../../support/manual-clock';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();

function engineRunOnce(dataDir: string): void {
  const clock = new ManualClock(1_767_225_600_000);
  Engine.start({ dataDir, version: 't', host: 'test', clock, scheduler: clock }).stop('done');
}

describe('vigil CLI', () => {
  it('prints usage on stderr and exits 2 for an unknown command or flag', async () => {
    const io = captureIo();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.err.join('')).toContain("unknown command 'frobnicate'");
    expect(io.err.join('')).toContain('vigil serve');

    const io2 = captureIo();
    expect(await runCli(['audit', 'verify', '--loud'], io2)).toBe(2);
    expect(io2.err.join('')).toContain("Unknown option '--loud'");

    const io3 = captureIo();
    expect(await runCli(['serve', '--port', 'eighty'], io3)).toBe(2);
    expect(io3.err.join('')).toContain('--port must be a whole number');
  });

  it('audit verify: exit 0 with the row count on an intact chain', async () => {
    const dataDir = tempDir();
    engineRunOnce(dataDir);
    const io = captureIo();
    expect(await runCli(['audit', 'verify', '--data-dir', dataDir], io)).toBe(0);
    expect(io.out.join('')).toBe(
      `audit chain intact: 2 rows; matches the anchor at row 2 (${join(dataDir, 'audit-anchor.json')})\n`,
    );
  });

  it('audit verify: exit 1 naming the first bad row after an edit', async () => {
    const dataDir = tempDir();
    engineRunOnce(dataDir);
    engineRunOnce(dataDir);
    const store = openVigilStore(databasePath(dataDir));
    store.db.exec('DROP TRIGGER audit_log_no_update');
    store.db.exec(`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2`);
    store.close();
    const io = captureIo();
    expect(await runCli(['audit', 'verify', '--data-dir', dataDir, '--json'], io)).toBe(1);
    expect(JSON.parse(io.out.join(''))).toMatchObject({ intact: false, badSeq: 2 });
  });

  it('audit verify: exit 1 when there is no database', async () => {
    const io = captureIo();
    expect(await runCli(['audit', 'verify', '--data-dir', join(tempDir(), 'none')], io)).toBe(1);
    expect(io.err.join('')).toContain('no Vigil database');
  });

  it('serve: one-line error and exit 1 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const io = captureIo({ VIGIL_RENDERER_DIR: rendererDir });
    const code = await runCli(
      ['serve', '--port', String(address.port), '--data-dir', tempDir()],
      io,
    );
    blocker.close();
    expect(code).toBe(1);
    expect(io.err).toEqual([
      `vigil serve: Port ${address.port} on 127.0.0.1 is already in use; pick another with --port.\n`,
    ]);
  });

  it('serve: refuses to start without a built UI, naming the folder', async () => {
    const io = captureIo({ VIGIL_RENDERER_DIR: join(tempDir(), 'missing') });
    expect(await runCli(['serve', '--port', '0', '--data-dir', tempDir()], io)).toBe(1);
    expect(io.err.join('')).toContain('the UI is not built');
  });

  it('serve: runs until SIGTERM, then audits the stop and removes host.json', async () => {
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const dataDir = tempDir();
    const io = captureIo({ VIGIL_RENDERER_DIR: rendererDir });
    const running = runCli(['serve', '--port', '0', '--data-dir', dataDir], io);
    await vi.waitFor(() => expect(existsSync(join(dataDir, 'host.json'))).toBe(true));
    const url = /Open (\S+)/.exec(io.out.join(''))?.[1] ?? '';
    expect((await fetch(url)).status).toBe(200);
    io.signal('SIGTERM');
    expect(await running).toBe(0);
    expect(existsSync(join(dataDir, 'host.json'))).toBe(false);
    const store = openVigilStore(databasePath(dataDir));
    const kinds = store.db.prepare('SELECT kind, payload FROM audit_log ORDER BY seq').all();
    store.close();
    expect(kinds[0]).toEqual({ kind: 'engine.started', payload: expect.any(String) });
    expect(kinds.at(-1)).toEqual({
      kind: 'engine.stopped',
      payload: expect.stringContaining('received SIGTERM'),
    });
  });
});

describe('defaultDataDir', () => {
  it('follows each platform convention', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/x' }, '/home/t')).toBe('/x/vigil');
    expect(defaultDataDir('linux', {}, '/home/t')).toBe('/home/t/.local/share/vigil');
    expect(defaultDataDir('darwin', {}, '/Users/t')).toBe(
      '/Users/t/Library/Application Support/Vigil',
    );
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, 'C:\\Users\\t'),
    ).toContain('Vigil');
    expect(() => defaultDataDir('win32', {}, 'C:\\Users\\t')).toThrow('APPDATA');
  });

  it('serve: refuses a data folder another engine runs on, naming it', async () => {
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const dataDir = tempDir();
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const app = Engine.start({ dataDir, version: 't', host: 'electron', clock, scheduler: clock });
    try {
      const io = captureIo({ VIGIL_RENDERER_DIR: rendererDir });
      expect(await runCli(['serve', '--port', '0', '--data-dir', dataDir], io)).toBe(1);
      expect(io.err.join('')).toMatch(
        new RegExp(
          `^vigil serve: another Vigil engine is running on ${dataDir} \\(pid ${process.pid}, electron`,
        ),
      );
      expect(existsSync(join(dataDir, 'host.json'))).toBe(false);
    } finally {
      await new Promise((resolve) => setImmediate(resolve));
      app.stop('test');
    }
  });
});
