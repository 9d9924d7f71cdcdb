// `npm run bench [name]`: every benchmark (or one by name), printed as figures and ratios
// against peers where a benchmark has peers. Benchmarks are never part of `npm test`.
import { runAlertsBench } from './alerts.bench';
import { runBacktestBench } from './backtest.bench';
import { runCoreBench } from './core.bench';
import { runCrashBench } from './crash.bench';
import { runExecutionBench } from './execution.bench';
import { runIndicatorsBench } from './indicators.bench';
import { runJournalBench } from './journal.bench';
import { runLagBench } from './lag.bench';
import { runLiveBench } from './live.bench';
import { runMarketBench } from './market.bench';
import { runRendererBench } from './renderer.bench';
import { runReplayBench } from './replay.bench';
import { runReportsBench } from './reports.bench';
import { runRiskBench } from './risk.bench';
import { runScanBench } from './scan.bench';
import { runScannerBench } from './scanner.bench';
import { runStartupBench } from './startup.bench';

const benches: ReadonlyArray<readonly [string, () => Promise<void>]> = [
  ['core', runCoreBench],
  ['market', runMarketBench],
  ['replay', runReplayBench],
  ['indicators', runIndicatorsBench],
  ['scanner', runScannerBench],
  // The built CLI figures need `npm run build` first.
  ['scan', runScanBench],
  // The full backtest in its worker, against scan-only and parse-only on the same files.
  ['backtest', runBacktestBench],
  // `vigil serve` and `vigil kill` as processes; needs `npm run build` first.
  ['startup', runStartupBench],
  ['execution', runExecutionBench],
  // Live trading through ccxt against the local Binance on 127.0.0.1.
  ['live', runLiveBench],
  // The live crash test at 320 seeded SIGKILLs (the normal suite runs 40).
  ['crash', runCrashBench],
  ['risk', runRiskBench],
  ['reports', runReportsBench],
  ['journal', runJournalBench],
  ['alerts', runAlertsBench],
  // The main loop's lag monitor (the kill switch's loop): its share of one core.
  ['lag', runLagBench],
  // Needs `npm run build` first and Chromium (VIGIL_CHROMIUM or /usr/bin/chromium).
  ['renderer', runRendererBench],
];

const only = process.argv[2];
if (only !== undefined && !benches.some(([name]) => name === only)) {
  console.error(`unknown bench '${only}'; one of: ${benches.map(([n]) => n).join(', ')}`);
  process.exit(2);
}
for (const [name, run] of benches) {
  if (only !== undefined && only !== name) continue;
  console.log(`\n== ${name}`);
  await run();
}
