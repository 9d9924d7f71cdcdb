import { Worker } from 'node:worker_threads';
import type { WorkerEntry } from './worker-entry';

/** How a message handler ends a one-shot job: with its result or its failure. */
export interface WorkerSettle<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

/** Stops a one-shot job: when `signal` aborts, the job fails with `error()` and its worker ends. */
export interface WorkerAbort {
  readonly signal: AbortSignal;
  readonly error: () => Error;
}

/**
 * Runs one job in a worker thread of its own: starts it (with `workerData`, and `request`
 * posted when given), hands every message to `onMessage` until it settles the job, and
 * terminates the worker then. An error or an exit before the job settles fails it, `what`
 * naming the worker. The main thread only waits.
 */
export function runOneShotWorker<M, T>(
  entry: WorkerEntry,
  job: { readonly workerData?: unknown; readonly request?: unknown },
  onMessage: (message: M, settle: WorkerSettle<T>) => void,
  what: string,
  abort?: WorkerAbort,
): Promise<T> {
  if (abort?.signal.aborted === true) return Promise.reject(abort.error());
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(entry.url, {
      execArgv: [...entry.execArgv],
      ...(job.workerData === undefined ? {} : { workerData: job.workerData }),
    });
    let settled = false;
    const once =
      <A>(fn: (value: A) => void) =>
      (value: A): void => {
        if (settled) return;
        settled = true;
        fn(value);
        void worker.terminate();
      };
    const settle: WorkerSettle<T> = { resolve: once(resolve), reject: once(reject) };
    // A job that holds nothing outside its worker is stopped by ending the worker, mid-work.
    const onAbort = (): void => settle.reject(abort?.error() ?? new Error(`${what} aborted`));
    abort?.signal.addEventListener('abort', onAbort, { once: true });
    worker.once('exit', () => abort?.signal.removeEventListener('abort', onAbort));
    worker.on('message', (message: M) => onMessage(message, settle));
    worker.on('error', (error) => settle.reject(error));
    worker.on('exit', (code) =>
      settle.reject(new Error(`${what} stopped (exit code ${code}) before finishing`)),
    );
    if (job.request !== undefined) worker.postMessage(job.request);
  });
}
