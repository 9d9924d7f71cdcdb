// The full backtest (replay + scan + plans + gate + paper fills + ledger + report, the engine's
// own composition in its worker thread, as `vigil backtest` and the cockpit run it) next to
// scan-only (`vigil scan`'s path) and parse-only on the same files, in one run. Candles per
// second per core: candles in the files over CPU seconds of every thread of this process
// (the backtest's engine, scanner and loader threads included), so a run that spreads over
// threads is not flattered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planBacktest } from '../../src-main/engine/backtest/backtest-plan';
import { readStoredCalibrations } from '../../src-main/engine/scanner/calibration/stored-calibrations';
import { storePriorAsCalibrated } from '../support/calibration-fixture';
import { backtestInWorker } from '../../src-main/engine/backtest/backtest-worker-client';
import { csvFiles, dataRows, parseOnly, scan, timed } from './scan.bench';

const DIR = 'resources/data';
const ROUNDS = 3;

export async function runBacktestBench(): Promise<void> {
  const candles = dataRows(DIR);
  // PRIME at 0.60 (the bundled replay never reaches the default 0.80): the run trades, so the
  // plans, the gate, the fills and the ledger are on the measured path.
  // Only a calibrated P is PRIME: the test fixture stores the prior as every bundled market's
  // calibration, and the run copies it, as `vigil backtest` copies its data folder's.
  const request = {
    data: DIR,
    autopilot: 'prime',
    scanner: { tiers: { primeEnter: 0.6, primeStay: 0.55 } },
  } as const;
  const calibrated = mkdtempSync(join(tmpdir(), 'vigil-bench-calibrations-'));
  storePriorAsCalibrated(calibrated, planBacktest(request, null, []).scanner);
  const plan = planBacktest(request, null, readStoredCalibrations(calibrated));
  rmSync(calibrated, { recursive: true, force: true });
  let trades = 0;
  const tasks: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [
    ['parse', () => parseOnly(DIR)],
    ['scan', () => scan(DIR)],
    [
      'backtest',
      async () => {
        trades = (await backtestInWorker(plan)).metrics.trades;
      },
    ],
  ];
  const best = new Map(tasks.map(([n]) => [n, { wall: Infinity, cpu: Infinity }]));
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const [name, task] of tasks) {
      const t = await timed(task);
      const b = best.get(name) as { wall: number; cpu: number };
      best.set(name, { wall: Math.min(b.wall, t.wall), cpu: Math.min(b.cpu, t.cpu) });
    }
  }
  const perCore = (name: string): number => candles / ((best.get(name)?.cpu ?? Infinity) / 1000);
  const perWall = (name: string): number => candles / ((best.get(name)?.wall ?? Infinity) / 1000);
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log(
    `Bundled replay (${csvFiles(DIR).length} files, ${candles} candles), fastest of ${ROUNDS} interleaved rounds; the backtest made ${trades} trades:`,
  );
  for (const name of ['parse', 'scan', 'backtest']) {
    const b = best.get(name) as { wall: number; cpu: number };
    console.log(
      `  ${name.padEnd(8)} ${fmt(perCore(name))} candles/s per core (CPU ${b.cpu.toFixed(0)} ms), ${fmt(perWall(name))} candles/s wall (${b.wall.toFixed(0)} ms)`,
    );
  }
  console.log(
    `  backtest / scan-only per core ${(perCore('backtest') / perCore('scan')).toFixed(3)}; backtest / parse-only per core ${(perCore('backtest') / perCore('parse')).toFixed(3)}; scan / parse-only ${(perCore('scan') / perCore('parse')).toFixed(3)}`,
  );
}
