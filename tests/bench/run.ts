// `npm run bench [name]`: every benchmark (or one by name), printed as figures and ratios
// against peers where a benchmark has peers. Benchmarks are never part of `npm test`.
import { runAlertsBench } from './alerts.bench';
import { runCoreBench } from './core.bench';
import { runExecutionBench } from './execution.bench';
import { runMarketBench } from './market.bench';
import { runRendererBench } from './renderer.bench';
import { runReportsBench } from './reports.bench';
import { runRiskBench } from './risk.bench';
import { runScannerBench } from './scanner.bench';

const benches: ReadonlyArray<readonly [string, () => Promise<void>]> = [
  ['core', runCoreBench],
  ['market', runMarketBench],
  ['scanner', runScannerBench],
  ['execution', runExecutionBench],
  ['risk', runRiskBench],
  ['reports', runReportsBench],
  ['alerts', runAlertsBench],
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
