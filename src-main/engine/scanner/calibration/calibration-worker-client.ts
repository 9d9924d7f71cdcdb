import { Worker } from 'node:worker_threads';
import { siblingWorkerEntry, type WorkerEntry } from '../../worker-entry';
import type { ScannerConfig } from '../scoring/scanner-config';
import type { CalibrationReport } from './calibrate-folder';
import type { CalibrationMessage, CalibrationRequest } from './calibration-protocol';
import { DEFAULT_WALK_FORWARD, type WalkForwardPlan } from './walk-forward';

export function defaultCalibrationEntry(here: string = import.meta.url): WorkerEntry {
  return siblingWorkerEntry(here, 'calibration.worker.ts', 'calibration-worker');
}

/** Runs calibrateFolder in a worker thread (one run per worker); the main thread only waits. */
export function calibrateOffThread(
  dir: string,
  config: ScannerConfig,
  plan: WalkForwardPlan = DEFAULT_WALK_FORWARD,
  entry: WorkerEntry = defaultCalibrationEntry(),
): Promise<CalibrationReport> {
  return new Promise<CalibrationReport>((resolve, reject) => {
    const worker = new Worker(entry.url, { execArgv: [...entry.execArgv] });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (message: CalibrationMessage) => {
      if (message.type === 'done') settle(() => resolve(message.report));
      else if (message.type === 'failed')
        settle(() => reject(new Error(`calibration: ${message.error}`)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() =>
        reject(new Error(`calibration worker exited with code ${code} before it finished`)),
      ),
    );
    const request: CalibrationRequest = { dir, config, plan };
    worker.postMessage(request);
  });
}
