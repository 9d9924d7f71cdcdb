import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';

/** Kills in the long run: 40 scenarios of 8 (the normal suite runs 5). */
const SCENARIOS = Number(process.env['VIGIL_LIVE_CRASH_SCENARIOS'] ?? 40);

/**
 * The live crash test at several hundred seeded SIGKILLs (tests/integration/execution/
 * live-crash-recovery.test.ts with VIGIL_LIVE_CRASH_SCENARIOS): the same checks against the
 * local Binance's own order state, run as `npm test` runs them, and the time each kill and
 * restart costs.
 */
export function runCrashBench(): Promise<void> {
  const t0 = performance.now();
  const run = spawnSync(
    'npx',
    ['vitest', 'run', 'tests/integration/execution/live-crash-recovery.test.ts'],
    {
      cwd: resolve(__dirname, '../..'),
      env: { ...process.env, VIGIL_LIVE_CRASH_SCENARIOS: String(SCENARIOS) },
      encoding: 'utf8',
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const out = `${run.stdout}${run.stderr}`;
  const summary =
    /live crash test: (\d+) kills, (\d+) exchange orders, (\d+) exchange fills[^\n]*/.exec(out);
  if (run.status !== 0 || summary === null) {
    console.log(out);
    throw new Error(`the live crash test failed (exit ${String(run.status)})`);
  }
  const kills = Number(summary[1]);
  console.log(summary[0]);
  console.log(
    `live crash: ${kills} kills in ${seconds.toFixed(1)} s (${((seconds / kills) * 1000).toFixed(0)} ms per kill and restart, ccxt loaded each time); zero duplicate orders, lost fills or orphaned stops`,
  );
  return Promise.resolve();
}
