import { parentPort, workerData } from 'node:worker_threads';
import { InvalidInputError } from '../../../src-shared/contract/command-refusal';
import {
  CANCEL_REQUESTED,
  type BacktestWorkerMessage,
  type BacktestWorkerRequest,
} from './backtest-worker-protocol';
import { BacktestCancelledError } from './backtest-result';
import { runBacktest } from './run-backtest';

/**
 * Worker thread for one backtest: the whole engine runs here (its scanner and its replay loader
 * too, on this thread), so the host's event loop, which carries the kill path, stays free.
 */
function post(message: BacktestWorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

async function main(job: BacktestWorkerRequest): Promise<void> {
  try {
    const result = await runBacktest({
      plan: job.plan,
      ...(job.tempRoot === undefined ? {} : { tempRoot: job.tempRoot }),
      onProgress: (update) => post({ type: 'progress', update }),
      cancelled: () => Atomics.load(job.cancel, 0) === CANCEL_REQUESTED,
    });
    post({
      type: 'done',
      metrics: result.metrics,
      baseName: result.baseName,
      pdf: bytes(result.pdf),
      lotsCsv: bytes(result.lotsCsv),
      fillsCsv: bytes(result.fillsCsv),
      metricsJson: bytes(result.metricsJson),
    });
  } catch (error) {
    if (error instanceof BacktestCancelledError) post({ type: 'cancelled' });
    else
      post({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof InvalidInputError ? { fields: error.fields } : {}),
      });
  } finally {
    parentPort?.close();
  }
}

void main(workerData as BacktestWorkerRequest);
