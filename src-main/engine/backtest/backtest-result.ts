import type { BacktestMetrics } from '../../../src-shared/contract/backtest';

export type BacktestStage = 'loading' | 'replaying' | 'reporting' | 'done';

export interface BacktestProgressUpdate {
  readonly stage: BacktestStage;
  /** 0..1 over the whole run. */
  readonly fraction: number;
  /** Market time reached (null while loading). */
  readonly at: number | null;
  readonly candles: number;
}

/** What a finished backtest produced: the monthly export's files over its book, and figures. */
export interface BacktestResult {
  readonly metrics: BacktestMetrics;
  readonly baseName: string;
  readonly pdf: Buffer;
  readonly lotsCsv: Buffer;
  readonly fillsCsv: Buffer;
  readonly metricsJson: Buffer;
}

export class BacktestCancelledError extends Error {
  constructor() {
    super('backtest cancelled');
    this.name = 'BacktestCancelledError';
  }
}
