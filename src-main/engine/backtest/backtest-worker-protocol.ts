import type { FieldIssue } from '../../../src-shared/contract/command-refusal';
import type { BacktestMetrics } from '../../../src-shared/contract/backtest';
import type { BacktestPlan } from './backtest-plan';
import type { BacktestProgressUpdate } from './backtest-result';

/** What the backtest worker is started with. */
export interface BacktestWorkerRequest {
  readonly plan: BacktestPlan;
  readonly tempRoot?: string;
  /**
   * Shared with the parent: its first cell turns 1 (CANCEL_REQUESTED) to stop the run between
   * two bar closes. Read with Atomics on every close: the run never has to give its event loop
   * a turn to learn it was cancelled (with the scanner on its own thread, nothing makes it wait
   * for a message between bars).
   */
  readonly cancel: Int32Array<SharedArrayBuffer>;
}

export const CANCEL_REQUESTED = 1;

/** A cancel cell for BacktestWorkerRequest.cancel, not yet set. */
export function cancelCell(): Int32Array<SharedArrayBuffer> {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/** Worker -> parent. */
export type BacktestWorkerMessage =
  | { readonly type: 'progress'; readonly update: BacktestProgressUpdate }
  | {
      readonly type: 'done';
      readonly metrics: BacktestMetrics;
      readonly baseName: string;
      readonly pdf: Uint8Array;
      readonly lotsCsv: Uint8Array;
      readonly fillsCsv: Uint8Array;
      readonly metricsJson: Uint8Array;
    }
  | { readonly type: 'cancelled' }
  | {
      readonly type: 'failed';
      readonly message: string;
      /** Bad input found once the data was loaded (a range outside the data). */
      readonly fields?: readonly FieldIssue[];
    };
