import type { FieldIssue } from '../../../src-shared/contract/command-refusal';
import type { BacktestMetrics } from '../../../src-shared/contract/backtest';
import type { BacktestPlan } from './backtest-plan';
import type { BacktestProgressUpdate } from './backtest-result';

/** What the backtest worker is started with. */
export interface BacktestWorkerRequest {
  readonly plan: BacktestPlan;
  readonly tempRoot?: string;
}

/** Parent -> worker: stop between two bar closes. */
export interface BacktestCancelMessage {
  readonly type: 'cancel';
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
