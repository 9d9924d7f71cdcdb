// `vigil scan` against the parse-only ceiling on the same files, in one run: how much of a
// scan is the scanner and how much is just reading the CSVs.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { CandleFileError, loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { formatScanReport, scanFolder } from '../../src-main/engine/scanner/replay-scan';
import { DEFAULT_SCANNER_CONFIG } from '../../src-main/engine/scanner/scoring/scanner-config';
import { SHARED_CANDLES_DIR } from '../support/candle-data';
import { against } from './measure';

const run = promisify(execFile);
const ROUNDS = 5;

export function csvFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.csv'))
    .sort()
    .map((n) => join(dir, n));
}

/** Data rows in the folder's CSV files (every line after the header that is not blank). */
export function dataRows(dir: string): number {
  let rows = 0;
  for (const file of csvFiles(dir)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    rows += lines.slice(1).filter((l) => l.trim() !== '').length;
  }
  return rows;
}

/** What the ceiling does: read and validate every file, as the scan's first step does. */
export async function parseOnly(dir: string): Promise<void> {
  for (const file of csvFiles(dir)) {
    try {
      await loadCandleCsv(file);
    } catch (error) {
      if (!(error instanceof CandleFileError)) throw error;
    }
  }
}

/** What `vigil scan` does, minus writing to stdout. */
export async function scan(dir: string): Promise<string> {
  return formatScanReport(await scanFolder(dir, DEFAULT_SCANNER_CONFIG));
}

/** Wall and CPU time (every thread of this process) of one call, in ms. */
export async function timed(task: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await task();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

async function fastest(
  rounds: number,
  tasks: Record<string, () => Promise<unknown>>,
): Promise<Map<string, number>> {
  const best = new Map<string, number>(
    Object.keys(tasks).map((k) => [k, Number.POSITIVE_INFINITY]),
  );
  for (let r = 0; r < rounds; r += 1) {
    for (const [name, task] of Object.entries(tasks)) {
      const start = performance.now();
      await task();
      best.set(name, Math.min(best.get(name) as number, performance.now() - start));
    }
  }
  return best;
}

async function folderBench(label: string, dir: string): Promise<void> {
  const rows = dataRows(dir);
  const rate = (ms: number): string =>
    `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;
  const best = {
    parse: { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY },
    scan: { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY },
  };
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const [name, task] of [
      ['parse', () => parseOnly(dir)],
      ['scan', () => scan(dir)],
    ] as const) {
      const t = await timed(task);
      best[name] = {
        wall: Math.min(best[name].wall, t.wall),
        cpu: Math.min(best[name].cpu, t.cpu),
      };
    }
  }
  const parseMs = best.parse.wall;
  const scanMs = best.scan.wall;
  const cpuRatio = best.parse.cpu / best.scan.cpu;
  console.log(
    `${label} (${csvFiles(dir).length} files, ${rows} rows), in one process, fastest of ${ROUNDS} interleaved rounds:`,
  );
  console.log(
    `  parse-only ceiling ${parseMs.toFixed(0)} ms (${rate(parseMs)}); scan ${scanMs.toFixed(0)} ms (${rate(scanMs)})`,
  );
  console.log(
    `  scan / parse-only throughput ${(parseMs / scanMs).toFixed(2)} ${against(parseMs / scanMs, '>=', 0.5)}`,
  );
  console.log(
    `  the same on CPU time (less swayed by a busy machine): parse ${best.parse.cpu.toFixed(0)} ms, scan ${best.scan.cpu.toFixed(0)} ms, ${cpuRatio.toFixed(2)} ${against(cpuRatio, '>=', 0.5)}`,
  );
  if (!existsSync('out/cli/vigil.mjs')) {
    console.log('  (built CLI not found: run `npm run build` for the process figures)');
    return;
  }
  // The command a trader runs, cold: process start, module load, JIT warm-up and all.
  const cold = await fastest(3, {
    check: () =>
      run(process.execPath, ['bin/vigil.mjs', 'data', 'check', dir]).catch(() => undefined),
    scan: () =>
      run(process.execPath, ['bin/vigil.mjs', 'scan', '--data', dir], { maxBuffer: 64 << 20 }),
  });
  const checkMs = cold.get('check') as number;
  const coldScanMs = cold.get('scan') as number;
  console.log(
    `  built CLI, whole process (best of 3): vigil scan ${coldScanMs.toFixed(0)} ms (${rate(coldScanMs)}); vigil data check (parse + validate only) ${checkMs.toFixed(0)} ms (${rate(checkMs)}); ratio ${(checkMs / coldScanMs).toFixed(2)}`,
  );
}

export async function runScanBench(): Promise<void> {
  await folderBench('Shared real candles', SHARED_CANDLES_DIR);
  await folderBench('Bundled replay data (resources/data)', 'resources/data');
  console.log('  (the full backtest on the bundled data: `npm run bench backtest`)');
}
