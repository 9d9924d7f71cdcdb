// Worker-thread entry of a calibration run: replays a folder through the scanner and fits the
// walk-forward calibrations here, so the engine's main loop (which carries the kill switch)
// stays free while a folder of history is scanned three times over.
import { parentPort } from 'node:worker_threads';
import { calibrateFolder } from './calibrate-folder';
import type { CalibrationMessage, CalibrationRequest } from './calibration-protocol';

if (parentPort === null) throw new Error('calibration.worker must run in a worker thread');
const port = parentPort;
const say = (message: CalibrationMessage): void => port.postMessage(message);

port.once('message', (request: CalibrationRequest) => {
  calibrateFolder(request.dir, request.config, request.plan, (progress) =>
    say({ type: 'progress', progress }),
  )
    .then((report) => say({ type: 'done', report }))
    .catch((error: unknown) =>
      say({ type: 'failed', error: error instanceof Error ? error.message : String(error) }),
    );
});
