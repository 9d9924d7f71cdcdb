import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const SCRIPTS = join(import.meta.dirname, '../../../scripts');

/**
 * A copy of scripts/start.mjs (and the module it imports) in a folder of its own: an electron package as npm leaves it with
 * ELECTRON_SKIP_BINARY_DOWNLOAD (no path.txt, no dist/) whose index.js prints what the real one
 * prints before its download, and a stand-in for bin/vigil.mjs that echoes its arguments.
 */
function project(options: { binary?: boolean } = {}): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'scripts'));
  for (const file of ['start.mjs', 'electron-binary.mjs'])
    copyFileSync(join(SCRIPTS, file), join(dir, 'scripts', file));
  const electron = join(dir, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(join(electron, 'package.json'), '{"name":"electron","main":"index.js"}');
  writeFileSync(join(electron, 'index.js'), "console.log('Downloading Electron binary...');\n");
  if (options.binary === true) {
    writeFileSync(join(electron, 'path.txt'), 'electron');
    mkdirSync(join(electron, 'dist'));
    // The "binary": a node script that says it ran.
    writeFileSync(join(electron, 'dist', 'electron'), '#!/bin/sh\necho "electron $@"\n', {
      mode: 0o755,
    });
  }
  mkdirSync(join(dir, 'bin'));
  writeFileSync(
    join(dir, 'bin', 'vigil.mjs'),
    "console.log('vigil ' + process.argv.slice(2).join(' '));\n",
  );
  return dir;
}

const run = (cwd: string): { stdout: string; stderr: string; status: number | null } => {
  const r = spawnSync(process.execPath, ['scripts/start.mjs', '--port', '0'], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: '' },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
};

describe('npm start without an Electron binary', () => {
  it('prints its one-line fallback and starts browser mode, with no download attempt', () => {
    const out = run(project());
    expect(out.stdout).toBe(
      'Electron binary not installed; starting browser mode (vigil serve --open).\nvigil serve --open --port 0\n',
    );
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
  });

  it('launches Electron where its binary is installed', () => {
    const out = run(project({ binary: true }));
    expect(out.stdout).toBe('electron .\n');
    expect(out.status).toBe(0);
  });
});
