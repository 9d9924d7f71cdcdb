import type { CalibrationProgress } from '../../../../src-shared/contract/calibration';
import { runOneShotWorker } from '../../one-shot-worker';
import { siblingWorkerEntry, type WorkerEntry } from '../../worker-entry';
import type { ScannerConfig } from '../scoring/scanner-config';
import type { CalibrationReport } from './calibrate-folder';
import type { CalibrationMessage, CalibrationRequest } from './calibration-protocol';
import { DEFAULT_WALK_FORWARD, type WalkForwardPlan } from './walk-forward';

export function defaultCalibrationEntry(here: string = import.meta.url): WorkerEntry {
  return siblingWorkerEntry(here, 'calibration.worker.ts', 'calibration-worker');
}

/** What a caller may follow and stop of an off-thread run. */
export interface CalibrationRunOptions {
  readonly onProgress?: (progress: CalibrationProgress) => void;
  /** Aborting ends the worker at once; the run fails with CalibrationCancelledError. */
  readonly signal?: AbortSignal;
}

/** A calibration stopped on request: nothing of it was stored. */
export class CalibrationCancelledError extends Error {
  constructor() {
    super('calibration cancelled');
    this.name = 'CalibrationCancelledError';
  }
}

/** Runs calibrateFolder in a worker thread (one run per worker); the main thread only waits. */
export function calibrateOffThread(
  dir: string,
  config: ScannerConfig,
  options: CalibrationRunOptions = {},
  plan: WalkForwardPlan = DEFAULT_WALK_FORWARD,
  entry: WorkerEntry = defaultCalibrationEntry(),
): Promise<CalibrationReport> {
  const request: CalibrationRequest = { dir, config, plan };
  return runOneShotWorker<CalibrationMessage, CalibrationReport>(
    entry,
    { request },
    (message, settle) => {
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'done') settle.resolve(message.report);
      else settle.reject(new Error(`calibration: ${message.error}`));
    },
    'calibration worker',
    options.signal === undefined
      ? undefined
      : { signal: options.signal, error: () => new CalibrationCancelledError() },
  );
}
