import type { Timeframe } from '../../../src-shared/domain/candle';
import type { Timeline } from './replay-timeline';

/** One file the replay loaded, for the audit and the status line. */
export interface LoadedFile {
  readonly file: string;
  readonly exchange: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly rows: number;
  readonly gaps: number;
}

/** The loader worker's only request. */
export interface ReplayLoadRequest {
  readonly type: 'load';
  readonly dir: string;
  readonly derive: readonly Timeframe[];
}

/** What the loader worker says, in this order: progress per file, building, then done or failed. */
export type ReplayLoadMessage =
  | { readonly type: 'file'; readonly index: number; readonly total: number; readonly file: string }
  | { readonly type: 'building'; readonly files: number; readonly candles: number }
  | {
      readonly type: 'done';
      /** Columns on SharedArrayBuffers: shared with the main thread, never copied. */
      readonly timeline: Timeline;
      readonly files: readonly LoadedFile[];
      /** Files refused (validation, unreadable), each message naming the file. */
      readonly refused: readonly string[];
    }
  | { readonly type: 'failed'; readonly error: string };
