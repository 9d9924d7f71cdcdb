import type { CalibrationProgress } from '../../../../src-shared/contract/calibration';
import type { ScannerConfig } from '../scoring/scanner-config';
import type { CalibrationReport } from './calibrate-folder';
import type { WalkForwardPlan } from './walk-forward';

/** The calibration worker's only request. */
export interface CalibrationRequest {
  readonly dir: string;
  readonly config: ScannerConfig;
  readonly plan: WalkForwardPlan;
}

/** Progress after each market timeframe, then the report, or the failure. */
export type CalibrationMessage =
  | { readonly type: 'progress'; readonly progress: CalibrationProgress }
  | { readonly type: 'done'; readonly report: CalibrationReport }
  | { readonly type: 'failed'; readonly error: string };
