import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Electron build: main (ESM) and preload (CommonJS, because sandboxed preloads cannot be ESM)
// from src-main/app, renderer from src-renderer. The same renderer bundle is served by the
// headless host.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve('src-main/app/main.ts'),
          // Worker threads, started from sibling entries (see src-main/engine/worker-entry.ts).
          'report-export-worker': resolve('src-main/engine/reports/report-export.worker.ts'),
          'scanner-worker': resolve('src-main/engine/scanner/scanner.worker.ts'),
          'replay-loader-worker': resolve('src-main/engine/market/replay-loader.worker.ts'),
          'backtest-worker': resolve('src-main/engine/backtest/backtest.worker.ts'),
          'calibration-worker': resolve(
            'src-main/engine/scanner/calibration/calibration.worker.ts',
          ),
        },
        // Shared chunks sit next to the entries: code in a chunk resolves its worker entries
        // as siblings of its own file (worker-entry.ts), e.g. the engine's chunk, shared by
        // main.cjs and backtest-worker.cjs, starts ./scanner-worker.cjs.
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          chunkFileNames: '[name]-[hash].cjs',
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-main/app/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    // The dev server injects CSS as <style> elements; only there may styles be inline (the
    // built page and the host allow one inline style, by hash: see tests/unit/app).
    plugins: [
      react(),
      {
        name: 'vigil-dev-inline-styles',
        apply: 'serve',
        transformIndexHtml: (html: string) =>
          html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
      },
    ],
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
