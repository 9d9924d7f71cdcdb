// Bundles the CLI / headless host into out/cli for Node. Native and heavy packages stay
// external and load from node_modules at run time. The scanner's worker thread is a second
// entry point: the bundled code starts it from ./scanner-worker.mjs next to vigil.mjs.
// Code splitting keeps each command's modules (and the packages they import) in their own
// chunks, loaded when the command runs: `vigil kill` starts without the engine, SQLite, the
// PDF writer or ccxt. Chunks sit next to the entries so import.meta.url-relative worker
// entries resolve the same from any chunk.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Old chunks would otherwise pile up (their names carry a content hash).
rmSync('out/cli', { recursive: true, force: true });

await build({
  entryPoints: {
    vigil: 'src-main/host/cli/main.ts',
    'scanner-worker': 'src-main/engine/scanner/scanner.worker.ts',
    // The replay loader (parse, aggregate, merge) runs in ./replay-loader-worker.mjs.
    'replay-loader-worker': 'src-main/engine/market/replay-loader.worker.ts',
    // Report exports run in a worker thread started from ./report-export-worker.mjs.
    'report-export-worker': 'src-main/engine/reports/report-export.worker.ts',
    // Backtests (the whole engine, with its own scanner and loader workers) in ./backtest-worker.mjs.
    'backtest-worker': 'src-main/engine/backtest/backtest.worker.ts',
    // A calibration run (replay + walk-forward fits) runs in ./calibration-worker.mjs.
    'calibration-worker': 'src-main/engine/scanner/calibration/calibration.worker.ts',
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
});
