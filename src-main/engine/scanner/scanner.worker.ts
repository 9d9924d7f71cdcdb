// Worker-thread entry of the scanner: owns a ScannerCore and answers batches of candles, so the
// main event loop (which carries the kill switch) never runs indicator or scoring code.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { ScannerCore, type ScanStep } from './scanner-core';
import type { ScannerRequest, ScannerResponse } from './scanner-protocol';

if (parentPort === null) throw new Error('scanner.worker must run in a worker thread');
const port = parentPort;
let core: ScannerCore | null = null;

port.on('message', (request: ScannerRequest) => {
  let response: ScannerResponse;
  const started = performance.now();
  try {
    if (request.type === 'init') {
      core = new ScannerCore(request.config);
      response = { id: request.id, ok: true, steps: [], computeMs: 0 };
    } else {
      if (core === null) throw new Error('scanner worker: candles before init');
      const steps: ScanStep[] = [];
      for (const candle of request.candles) {
        const step = core.onCandle(candle);
        if (request.reply === 'all' || step.published || step.tierChange !== null) steps.push(step);
      }
      response = { id: request.id, ok: true, steps, computeMs: performance.now() - started };
    }
  } catch (error) {
    response = {
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  port.postMessage(response);
});
