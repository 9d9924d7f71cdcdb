// Worker-thread entry of the scanner: owns a ScannerCore and answers batches of candles, so the
// main event loop (which carries the kill switch) never runs indicator or scoring code.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type { ScannerSignal, SignalRow } from '../../../src-shared/contract/scanner';
import { ScannerCore, type CalibrationTable, type ScannerCandle } from './scanner-core';
import { CandleUnpacker, type PackedCandles } from './packed-candles';
import { packRows } from './packed-rows';
import { PublicationRule } from './publication-rule';
import type {
  PackedBoardBatch,
  Publication,
  ScannerRequest,
  ScannerResponse,
} from './scanner-protocol';
import type { ScannerConfig } from './scoring/scanner-config';
import { signalKey, signalRow } from './signal-row';
import { warmFromHistory } from './warm-up';

if (parentPort === null) throw new Error('scanner.worker must run in a worker thread');
const port = parentPort;
let core: ScannerCore | null = null;
let config: ScannerConfig | null = null;
/** The calibrated mappings, kept when a reset makes a fresh core. */
let calibrations: CalibrationTable = new Map();
let unpacker = new CandleUnpacker();
/** Every market's latest signal (explained when asked), for explain requests. */
const latest = new Map<string, ScannerSignal>();
const news = new PublicationRule();
/** Signal key of each series id the candles name, made once per series, not per bar. */
const keyOf: string[] = [];

function scan(scanner: ScannerCore, packed: PackedCandles): PackedBoardBatch {
  const started = performance.now();
  const cpu = process.threadCpuUsage();
  const candles = unpacker.unpack(packed);
  const published: Publication[] = [];
  const evaluated = new Map<number, ScannerSignal>();
  for (let i = 0; i < candles.length; i += 1) {
    const candle = candles[i] as ScannerCandle;
    // Lean: contributions only for what is published (below) or explained on request.
    const { signal, tierChange } = scanner.onCandle(candle, false);
    if (signal === null) continue;
    const series = unpacker.seriesAt(packed, i);
    const key = (keyOf[series] ??= signalKey(candle));
    latest.set(key, signal);
    // Re-inserting keeps first-seen order; the value is the market's last evaluation.
    evaluated.set(series, signal);
    if (news.isNews(key, signal, tierChange))
      published.push({ signal: scanner.explain(signal), tierChange });
  }
  const rows = packRows(evaluated);
  const used = process.threadCpuUsage(cpu);
  return {
    published,
    rows,
    computeMs: performance.now() - started,
    computeCpuMs: (used.user + used.system) / 1000,
  };
}

function respond(response: ScannerResponse): void {
  // Board rows travel as a moved buffer, not a copy.
  if (response.ok && response.type === 'candles')
    port.postMessage(response, [
      response.batch.rows.values.buffer,
      response.batch.rows.boardJson.buffer,
    ]);
  else port.postMessage(response);
}

function answer(request: ScannerRequest): ScannerResponse {
  if (request.type === 'init') {
    config = request.config;
    core = new ScannerCore(request.config);
    calibrations = new Map();
    unpacker = new CandleUnpacker();
    keyOf.length = 0;
    latest.clear();
    news.forget();
    return { id: request.id, ok: true, type: 'init' };
  }
  if (core === null || config === null)
    throw new Error(`scanner worker: ${request.type} before init`);
  if (request.type === 'calibrations') {
    calibrations = request.table;
    core.setCalibrations(calibrations);
    return { id: request.id, ok: true, type: 'calibrations' };
  }
  if (request.type === 'reset') {
    core = new ScannerCore(config);
    core.setCalibrations(calibrations);
    latest.clear();
    news.forget();
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
    // History is not news: the first live evaluation of each market after it is.
    news.forget();
    return { id: request.id, ok: true, type: 'warm', rows, computeMs: performance.now() - started };
  }
  if (request.type === 'candles')
    return {
      id: request.id,
      ok: true,
      type: 'candles',
      batch: scan(core, request.candles),
    };
  const signal = latest.get(signalKey(request.key));
  return {
    id: request.id,
    ok: true,
    type: 'explain',
    signal: signal === undefined ? null : core.explain(signal),
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
  respond(response);
});
