// Worker-thread entry of the scanner: owns a ScannerCore and answers batches of candles, so the
// main event loop (which carries the kill switch) never runs indicator or scoring code.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type { ScannerSignal, SignalRow } from '../../../src-shared/contract/scanner';
import { ScannerCore, type ScanStep, type ScannerCandle } from './scanner-core';
import { CandleUnpacker } from './packed-candles';
import type { BoardBatch, ScannerRequest, ScannerResponse } from './scanner-protocol';
import type { ScannerConfig } from './scoring/scanner-config';
import { signalKey, signalRow } from './signal-row';
import { warmFromHistory } from './warm-up';

if (parentPort === null) throw new Error('scanner.worker must run in a worker thread');
const port = parentPort;
let core: ScannerCore | null = null;
let config: ScannerConfig | null = null;
let unpacker = new CandleUnpacker();
/** Every market's latest full signal, for explain requests. */
const latest = new Map<string, ScannerSignal>();

function scan(scanner: ScannerCore, candles: readonly ScannerCandle[]): BoardBatch {
  const started = performance.now();
  const published: ScanStep[] = [];
  const evaluated = new Map<string, ScannerSignal>();
  for (const candle of candles) {
    const step = scanner.onCandle(candle);
    if (step.signal === null) continue;
    const key = signalKey(step.signal);
    latest.set(key, step.signal);
    // Re-inserting keeps first-seen order; the value is the market's last evaluation.
    evaluated.set(key, step.signal);
    if (step.published || step.tierChange !== null) published.push(step);
  }
  const rows: SignalRow[] = [];
  for (const signal of evaluated.values()) rows.push(signalRow(signal));
  return { published, rows, computeMs: performance.now() - started };
}

function answer(request: ScannerRequest): ScannerResponse {
  if (request.type === 'init') {
    config = request.config;
    core = new ScannerCore(request.config);
    unpacker = new CandleUnpacker();
    latest.clear();
    return { id: request.id, ok: true, type: 'init' };
  }
  if (core === null || config === null)
    throw new Error(`scanner worker: ${request.type} before init`);
  if (request.type === 'reset') {
    core = new ScannerCore(config);
    latest.clear();
    return { id: request.id, ok: true, type: 'reset' };
  }
  if (request.type === 'warm') {
    const started = performance.now();
    const rows: SignalRow[] = [];
    for (const step of warmFromHistory(core, request.timeline, request.cursor)) {
      if (step.signal === null) continue;
      latest.set(signalKey(step.signal), step.signal);
      rows.push(signalRow(step.signal));
    }
    return { id: request.id, ok: true, type: 'warm', rows, computeMs: performance.now() - started };
  }
  if (request.type === 'candles')
    return {
      id: request.id,
      ok: true,
      type: 'candles',
      batch: scan(core, unpacker.unpack(request.candles)),
    };
  return {
    id: request.id,
    ok: true,
    type: 'explain',
    signal: latest.get(signalKey(request.key)) ?? null,
  };
}

port.on('message', (request: ScannerRequest) => {
  let response: ScannerResponse;
  try {
    response = answer(request);
  } catch (error) {
    response = {
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  port.postMessage(response);
});
