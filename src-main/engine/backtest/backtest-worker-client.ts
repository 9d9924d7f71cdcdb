import { Worker } from 'node:worker_threads';
import { InvalidInputError } from '../../../src-shared/contract/command-refusal';
import { siblingWorkerEntry, type WorkerEntry } from '../worker-entry';
import type { BacktestPlan } from './backtest-plan';
import {
  CANCEL_REQUESTED,
  cancelCell,
  type BacktestWorkerMessage,
  type BacktestWorkerRequest,
} from './backtest-worker-protocol';
import {
  BacktestCancelledError,
  type BacktestProgressUpdate,
  type BacktestResult,
} from './backtest-result';

export function defaultBacktestWorkerEntry(here: string = import.meta.url): WorkerEntry {
  return siblingWorkerEntry(here, 'backtest.worker.ts', 'backtest-worker');
}

export interface BacktestInWorkerOptions {
  readonly onProgress?: (update: BacktestProgressUpdate) => void;
  /** Aborting cancels the run between two bar closes; the promise rejects with BacktestCancelledError. */
  readonly signal?: AbortSignal;
  readonly tempRoot?: string;
  readonly entry?: WorkerEntry;
}

function buffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Runs one backtest in a worker thread: the CLI and the hosts run it the same way, so a run
 * from either gives the same bytes. Progress is posted as the replay advances.
 */
export function backtestInWorker(
  plan: BacktestPlan,
  options: BacktestInWorkerOptions = {},
): Promise<BacktestResult> {
  const entry = options.entry ?? defaultBacktestWorkerEntry();
  const job: BacktestWorkerRequest = {
    plan,
    cancel: cancelCell(),
    ...(options.tempRoot === undefined ? {} : { tempRoot: options.tempRoot }),
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.url, { workerData: job, execArgv: [...entry.execArgv] });
    let settled = false;
    const onAbort = (): void => {
      Atomics.store(job.cancel, 0, CANCEL_REQUESTED);
    };
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      action();
      void worker.terminate();
    };
    if (options.signal?.aborted === true) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: BacktestWorkerMessage) => {
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message.update);
          return;
        case 'cancelled':
          finish(() => reject(new BacktestCancelledError()));
          return;
        case 'failed':
          finish(() =>
            reject(
              message.fields === undefined
                ? new Error(message.message)
                : new InvalidInputError('backtest', message.fields),
            ),
          );
          return;
        case 'done':
          finish(() =>
            resolve({
              metrics: message.metrics,
              baseName: message.baseName,
              pdf: buffer(message.pdf),
              lotsCsv: buffer(message.lotsCsv),
              fillsCsv: buffer(message.fillsCsv),
              metricsJson: buffer(message.metricsJson),
            }),
          );
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() =>
        reject(new Error(`backtest worker stopped (exit code ${code}) before finishing`)),
      ),
    );
  });
}
