// Bundles the CLI / headless host into out/cli for Node. Native and heavy packages stay
// external and load from node_modules at run time. The scanner's worker thread is a second
// entry point: the bundled code starts it from ./scanner-worker.mjs next to vigil.mjs.
import { build } from 'esbuild';

await build({
  entryPoints: {
    vigil: 'src-main/host/cli/main.ts',
    'scanner-worker': 'src-main/engine/scanner/scanner.worker.ts',
    // The replay loader (parse, aggregate, merge) runs in ./replay-loader-worker.mjs.
    'replay-loader-worker': 'src-main/engine/market/replay-loader.worker.ts',
    // Report exports run in a worker thread started from ./report-export-worker.mjs.
    'report-export-worker': 'src-main/engine/reports/report-export.worker.ts',
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
});
