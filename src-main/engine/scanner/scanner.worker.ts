// Worker-thread entry of the scanner: owns a ScannerCore and answers batches of candles, so the
// main event loop (which carries the kill switch) never runs indicator or scoring code.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { ScannerCore } from './scanner-core';
import { selectReplySteps } from './reply-steps';
import type { ScannerRequest, ScannerResponse } from './scanner-protocol';
import type { ScannerConfig } from './scoring/scanner-config';
import { warmFromHistory } from './warm-up';

if (parentPort === null) throw new Error('scanner.worker must run in a worker thread');
const port = parentPort;
let core: ScannerCore | null = null;
let config: ScannerConfig | null = null;

port.on('message', (request: ScannerRequest) => {
  let response: ScannerResponse;
  const started = performance.now();
  try {
    if (request.type === 'init') {
      config = request.config;
      core = new ScannerCore(request.config);
      response = { id: request.id, ok: true, steps: [], computeMs: 0 };
    } else if (request.type === 'reset') {
      if (config === null) throw new Error('scanner worker: reset before init');
      core = new ScannerCore(config);
      response = { id: request.id, ok: true, steps: [], computeMs: 0 };
    } else if (request.type === 'warm') {
      if (core === null) throw new Error('scanner worker: warm-up before init');
      const steps = warmFromHistory(core, request.timeline, request.cursor);
      response = { id: request.id, ok: true, steps, computeMs: performance.now() - started };
    } else {
      if (core === null) throw new Error('scanner worker: candles before init');
      const all = request.candles.map((candle) => (core as ScannerCore).onCandle(candle));
      const steps = selectReplySteps(all, request.reply);
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
