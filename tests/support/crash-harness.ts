import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const NODE_MODULES = resolve(__dirname, '../../node_modules');

/**
 * The parent side of the crash tests: a child entry bundled once with esbuild (run with plain
 * node, as a crashed app would restart), then started again and again on the same database.
 * The bundle is written under node_modules/.cache so that ccxt, which the engine loads with a
 * dynamic import (no NODE_PATH for ES modules), resolves from the project's node_modules.
 * Returns the bundle's path; its folder is the caller's to remove.
 */
export async function bundleCrashChild(entry: string): Promise<string> {
  const cache = join(NODE_MODULES, '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'vigil-crash-'));
  const outfile = join(dir, `${entry.replace(/^.*\//, '').replace(/\.ts$/, '')}.cjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    // Native or lazily required at run time: loaded from node_modules, not bundled.
    external: ['better-sqlite3', 'ccxt'],
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

export interface CrashChildResult {
  readonly signal: NodeJS.Signals | null;
  readonly status: number | null;
  readonly stderr: string;
  /** The run outlived `limitMs` and was killed: a hang, never a crash point. */
  readonly hung: boolean;
}

/** A child run longer than this is a hang (a run takes a second or two, more under load). */
const HANG_MS = 90_000;

/**
 * Runs the bundled child with `args`. `attach` sees the process before it runs (a parent that
 * kills it from outside, or talks to it over IPC, hooks in there).
 */
export function runCrashChild(
  bundle: string,
  args: readonly string[],
  cacheDir: string,
  attach?: (child: ChildProcess) => void,
): Promise<CrashChildResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      // The compile cache makes each restart cheap: the bundle is parsed once, not per run.
      env: {
        ...process.env,
        NODE_PATH: NODE_MODULES,
        NODE_COMPILE_CACHE: join(cacheDir, 'cache'),
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let hung = false;
    const watchdog = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, HANG_MS);
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (status, signal) => {
      clearTimeout(watchdog);
      done({ status, signal, stderr, hung });
    });
    attach?.(child);
  });
}
