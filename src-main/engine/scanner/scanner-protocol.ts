import type {
  ScannerSignal,
  SignalKey,
  SignalRow,
  TierChange,
} from '../../../src-shared/contract/scanner';
import type { Timeline } from '../market/replay-timeline';
import type { BoardRows } from './board-rows';
import type { PackedCandles } from './packed-candles';
import type { PackedRows } from './packed-rows';
import type { CalibrationTable } from './scanner-core';
import type { ScannerConfig } from './scoring/scanner-config';

/** Messages to the scanner worker. Each carries an id; the worker answers every one in order. */
export type ScannerRequest =
  | { readonly type: 'init'; readonly id: number; readonly config: ScannerConfig }
  | { readonly type: 'candles'; readonly id: number; readonly candles: PackedCandles }
  | { readonly type: 'explain'; readonly id: number; readonly key: SignalKey }
  /**
   * Warm-up from a replay's history: the timeline's first `cursor` bar closes (those of the
   * configured timeframes), read straight from the shared columns. Answers with a board row
   * per market and timeframe: history is not news, so nothing is published.
   */
  | {
      readonly type: 'warm';
      readonly id: number;
      readonly timeline: Timeline;
      readonly cursor: number;
    }
  /** Forgets every market (a fresh core, same config): before re-warming after a seek. */
  | { readonly type: 'reset'; readonly id: number }
  /** The calibrated mappings to use from now on (kept across resets). */
  | { readonly type: 'calibrations'; readonly id: number; readonly table: CalibrationTable };

/** A signal that is news (see PublicationRule), with the tier change it made, if any. */
export interface Publication {
  readonly signal: ScannerSignal;
  readonly tierChange: TierChange | null;
}

/**
 * What one batch of candles gave, as the main thread needs it: full signals only where they
 * are published (events and the audit chain need them whole), and one compact row per market
 * for the board. The worker keeps every market's latest full signal for `explain`, so nothing
 * else crosses the thread boundary.
 */
export interface BoardBatch {
  /** Publications, in candle order. */
  readonly published: Publication[];
  /**
   * The latest evaluation of each market the batch evaluated (IGNORE included), with each
   * row's board key and the boardUpdated payload's JSON the session wrote.
   */
  readonly board: BoardRows;
  /** Time the worker spent on the batch (excludes messaging), milliseconds. */
  readonly computeMs: number;
}

/** A BoardBatch as it crosses the thread: its rows packed. */
export type PackedBoardBatch = Omit<BoardBatch, 'board'> & {
  readonly rows: PackedRows;
};

export type ScannerResponse =
  | { readonly id: number; readonly ok: true; readonly type: 'init' | 'reset' | 'calibrations' }
  | {
      readonly id: number;
      readonly ok: true;
      readonly type: 'warm';
      readonly rows: SignalRow[];
      readonly computeMs: number;
    }
  | {
      readonly id: number;
      readonly ok: true;
      readonly type: 'candles';
      readonly batch: PackedBoardBatch;
    }
  | {
      readonly id: number;
      readonly ok: true;
      readonly type: 'explain';
      readonly signal: ScannerSignal | null;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };
