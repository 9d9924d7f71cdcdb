// Prints one closing line for `npm test` from the vitest and Playwright JSON reports:
// "npm test: N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = '.test-reports/vitest.json';
if (existsSync(vitest)) {
  const report = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
const e2e = '.test-reports/e2e.json';
/** Every skipped e2e test with its reason, so a skip is never silent. */
function skipReasons(suite, out) {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests) {
      if (t.status !== 'skipped') continue;
      const why = t.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
      out.push(`skipped: ${spec.file} › ${spec.title}: ${why}`);
    }
  }
  for (const child of suite.suites ?? []) skipReasons(child, out);
  return out;
}
if (existsSync(e2e)) {
  const report = JSON.parse(readFileSync(e2e, 'utf8'));
  for (const line of report.suites.flatMap((s) => skipReasons(s, []))) console.log(line);
  const stats = report.stats;
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
}
console.log(`npm test: ${passed} passed, ${failed} failed, ${skipped} skipped`);
