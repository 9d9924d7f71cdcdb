// Worker-thread entry of the scanner: owns a ScannerSession and answers its requests, so the
// main event loop (which carries the kill switch) never runs indicator or scoring code.
import { parentPort } from 'node:worker_threads';
import type { ScannerRequest, ScannerResponse } from './scanner-protocol';
import { ScannerSession } from './scanner-session';

if (parentPort === null) throw new Error('scanner.worker must run in a worker thread');
const port = parentPort;
let session: ScannerSession | null = null;

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
    session = new ScannerSession(request.config);
    return { id: request.id, ok: true, type: 'init' };
  }
  if (session === null) throw new Error(`scanner worker: ${request.type} before init`);
  switch (request.type) {
    case 'calibrations':
      session.setCalibrations(request.table);
      return { id: request.id, ok: true, type: 'calibrations' };
    case 'reset':
      session.reset();
      return { id: request.id, ok: true, type: 'reset' };
    case 'warm':
      return {
        id: request.id,
        ok: true,
        type: 'warm',
        ...session.warm(request.timeline, request.cursor),
      };
    case 'candles':
      return { id: request.id, ok: true, type: 'candles', batch: session.scan(request.candles) };
    case 'explain':
      return { id: request.id, ok: true, type: 'explain', signal: session.explain(request.key) };
  }
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
