import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/host/cli/run-cli';
import { SHARED_CANDLES_DIR, sharedCandleFile } from '../support/candle-data';
import { captureIo } from '../support/capture-io';
import { useTempDirs } from '../support/temp-dir';

const run = promisify(execFile);
const TRACE = 'tests/support/module-trace.mjs';

/** Runs the built CLI the way users do (bin/vigil.mjs) with the module tracer preloaded. */
async function tracedCli(
  args: readonly string[],
  trace: string,
): Promise<{ stdout: string; packages: string[] }> {
  const { stdout } = await run(
    process.execPath,
    ['--import', `./${TRACE}`, 'bin/vigil.mjs', ...args],
    {
      env: { ...process.env, VIGIL_MODULE_TRACE: trace },
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return { stdout, packages: readPackages(trace) };
}

/**
 * The packages a bundled entry loads when it starts: its static imports, followed through the
 * chunks it imports (a worker has no dynamic import). Bare specifiers only.
 */
function staticPackages(entry: string): string[] {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(
      /(?:^|\n)\s*(?:import|export)\b[^;'"]*?["']([^"']+)["']/g,
    )) {
      if (spec === undefined) continue;
      if (spec.startsWith('./')) visit(join(dirname(file), spec));
      else packages.add(spec);
    }
  };
  visit(entry);
  return [...packages].sort();
}

function readPackages(trace: string): string[] {
  return readFileSync(trace, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

describe('the built CLI (out/cli through bin/vigil.mjs)', () => {
  const tempDir = useTempDirs();

  // One build for the whole file: the tests below run the bundle the user runs.
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'pipe' });
  }, 60_000);

  it('node out/cli/vigil.mjs scan prints the same bytes as the source run, all of them', async () => {
    expect(existsSync('out/cli/scanner-worker.mjs')).toBe(true);
    // The shared candle set: its JSON report is larger than a pipe's buffer, so a CLI that
    // exits before stdout drains would cut it short. (The bundled replay has three markets
    // only: its report fits in a pipe.)
    const bundled = execFileSync(
      process.execPath,
      ['out/cli/vigil.mjs', 'scan', '--data', SHARED_CANDLES_DIR, '--json'],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    const io = captureIo();
    expect(await runCli(['scan', '--data', SHARED_CANDLES_DIR, '--json'], io)).toBe(0);
    const source = io.out.join('');
    expect(source.length).toBeGreaterThan(65_536);
    expect(bundled).toBe(source);
  }, 120_000); // two full replays

  it('the module trace sees ccxt when something loads it', async () => {
    // The control for the tests below: the tracer is able to report ccxt.
    const trace = join(tempDir(), 'trace.txt');
    await run(
      process.execPath,
      ['--import', `./${TRACE}`, '--input-type=module', '-e', "await import('ccxt')"],
      {
        env: { ...process.env, VIGIL_MODULE_TRACE: trace },
        timeout: 60_000,
      },
    );
    expect(readPackages(trace)).toContain('ccxt');
  }, 60_000);

  it('serve on the replay, status, kill, scan, audit, data and indicators never load ccxt', async () => {
    const dataDir = tempDir();
    const rendererDir = join(dataDir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Vigil test</title>');
    const serveTrace = join(dataDir, 'serve-trace.txt');
    const serve = spawn(
      process.execPath,
      ['--import', `./${TRACE}`, 'bin/vigil.mjs', 'serve', '--port', '0', '--data-dir', dataDir],
      {
        env: { ...process.env, VIGIL_MODULE_TRACE: serveTrace, VIGIL_RENDERER_DIR: rendererDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const exited = new Promise<number | null>((resolve) => serve.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const seen = (d: Buffer): void => {
          output += d.toString();
          if (output.includes('Open http://127.0.0.1:')) resolve();
        };
        serve.stdout.on('data', seen);
        serve.stderr.on('data', seen);
        serve.once('exit', (code) => reject(new Error(`vigil serve exited ${code}: ${output}`)));
      });
      const status = await tracedCli(
        ['status', '--json', '--data-dir', dataDir],
        join(dataDir, 'status-trace.txt'),
      );
      expect(JSON.parse(status.stdout)).toMatchObject({ tradingMode: 'PAPER' });
      expect(status.packages).not.toContain('ccxt');
      // The host client is what these commands need.
      expect(status.packages).toContain('ws');
      expect(status.packages).not.toContain('better-sqlite3');

      const kill = await tracedCli(
        ['kill', '--reason', 'bundle test', '--data-dir', dataDir],
        join(dataDir, 'kill-trace.txt'),
      );
      expect(kill.stdout).toMatch(/^HALTED \(kill /);
      expect(kill.packages).not.toContain('ccxt');
      expect(kill.packages).not.toContain('better-sqlite3');
      expect(kill.packages).not.toContain('pdfkit');
      // Nor zod (50-200 ms of the kill's start): host.json and the reply frames are checked by
      // hand (readServerFrame, held to WsServerFrameSchema by its own test).
      expect(kill.packages).not.toContain('zod');
      expect(kill.packages).toContain('ws');
    } finally {
      serve.kill('SIGTERM');
      await exited;
    }
    // The replay host itself: the engine, SQLite and the replay, and no ccxt.
    const servePackages = readPackages(serveTrace);
    expect(servePackages).toContain('better-sqlite3');
    expect(servePackages).not.toContain('ccxt');

    // Commands that work on files or the database alone.
    const file = sharedCandleFile('bittrex_XLM-BTC_5m.csv');
    for (const [name, args] of [
      ['audit', ['audit', 'verify', '--data-dir', dataDir]],
      ['data', ['data', 'check', file]],
      ['indicators', ['indicators', '--csv', file, '--json']],
    ] as const) {
      const traced = await tracedCli(args, join(dataDir, `${name}-trace.txt`));
      expect(traced.stdout).not.toBe('');
      expect(traced.packages).not.toContain('ccxt');
    }

    const scanDir = tempDir();
    copyFileSync(
      sharedCandleFile('bittrex_XLM-BTC_5m.csv'),
      join(scanDir, 'bittrex_XLM-BTC_5m.csv'),
    );
    const scan = await tracedCli(['scan', '--data', scanDir], join(scanDir, 'scan-trace.txt'));
    expect(scan.stdout).toContain('bittrex XLM/BTC');
    expect(scan.packages).not.toContain('ccxt');
    expect(scan.packages).not.toContain('better-sqlite3');
  }, 120_000);
  it('the scanner and replay loader workers start without zod (their start measured ~4x slower with it)', () => {
    for (const entry of ['scanner-worker.mjs', 'replay-loader-worker.mjs']) {
      const packages = staticPackages(join('out/cli', entry));
      // The graph is real: the workers do import packages of their own (Node's built-ins).
      expect(packages.length).toBeGreaterThan(0);
      expect(packages).not.toContain('zod');
    }
    // The check sees zod where a chunk imports it: the engine's chunks do (the contract's
    // schemas). The CLI entry itself no longer does: `vigil kill` starts without it.
    const chunks = readdirSync('out/cli').filter((f) => /^chunk-.*\.mjs$/.test(f));
    expect(chunks.some((c) => staticPackages(join('out/cli', c)).includes('zod'))).toBe(true);
  });
});
