// Golden comparison of two builds' backtests: the same plan (PRIME at 0.60, the prior stored
// as every market's calibration, as the bench runs it) in each CLI bundle's backtest worker,
// then the PDF, the lots and fills CSVs and the metrics JSON compared byte for byte.
// Usage: npx tsx scripts/backtest-golden.ts <other-out-cli-dir> <data-dir> [margin|spot] [ZONE]
//   (ZONE: the risk configuration's time zone, e.g. Europe/Berlin; default UTC)
//   (after `npm run build` here and in the other tree; exit 1 on any difference).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultRiskConfig } from '../src-shared/domain/risk-config';
import { planBacktest } from '../src-main/engine/backtest/backtest-plan';
import { readStoredCalibrations } from '../src-main/engine/scanner/calibration/stored-calibrations';
import { backtestInWorker } from '../src-main/engine/backtest/backtest-worker-client';
import { storePriorAsCalibrated } from '../tests/support/calibration-fixture';

const [otherCli, data, account, zone] = process.argv.slice(2);
if (otherCli === undefined || data === undefined)
  throw new Error('usage: backtest-golden.ts <other-out-cli-dir> <data-dir> [margin|spot] [ZONE]');
const request = {
  data: resolve(data),
  autopilot: 'prime',
  account: account === 'margin' ? 'margin' : 'spot',
  scanner: { tiers: { primeEnter: 0.6, primeStay: 0.55 } },
  ...(zone === undefined ? {} : { risk: defaultRiskConfig(zone) }),
} as const;
const calibrated = mkdtempSync(join(tmpdir(), 'vigil-golden-calibrations-'));
storePriorAsCalibrated(calibrated, planBacktest(request, null, []).scanner);
const plan = planBacktest(request, null, readStoredCalibrations(calibrated));
rmSync(calibrated, { recursive: true, force: true });

const run = (cliDir: string) =>
  backtestInWorker(plan, {
    entry: { url: pathToFileURL(join(resolve(cliDir), 'backtest-worker.mjs')), execArgv: [] },
  });
const here = await run('out/cli');
const other = await run(otherCli);
let same = true;
for (const part of ['pdf', 'lotsCsv', 'fillsCsv', 'metricsJson'] as const) {
  const equal = here[part].equals(other[part]);
  same &&= equal;
  console.log(
    `${part.padEnd(11)} ${here[part].length} bytes here, ${other[part].length} there: ${equal ? 'identical' : 'DIFFERENT'}`,
  );
}
console.log(
  `trades ${here.metrics.trades}, fills ${here.metrics.fills}, candles ${here.metrics.candles}`,
);
process.exit(same ? 0 : 1);
