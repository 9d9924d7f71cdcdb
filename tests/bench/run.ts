// `npm run bench`: every benchmark, printed as figures (and ratios against peers where a
// benchmark has peers). Benchmarks are never part of `npm test`.
import { runCoreBench } from './core.bench';

const benches: Array<[string, () => Promise<void>]> = [['core', runCoreBench]];

const only = process.argv[2];
for (const [name, run] of benches) {
  if (only !== undefined && only !== name) continue;
  console.log(`\n== ${name}`);
  await run();
}
