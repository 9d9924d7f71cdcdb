import type { Timeline } from '../market/replay-timeline';
import type { ScanStep, ScannerCandle } from './scanner-core';
import type { ScannerConfig } from './scoring/scanner-config';

/** Messages to the scanner worker. Each carries an id; the worker answers every one in order. */
export type ScannerRequest =
  | { readonly type: 'init'; readonly id: number; readonly config: ScannerConfig }
  | {
      readonly type: 'candles';
      readonly id: number;
      readonly candles: readonly ScannerCandle[];
      /**
       * 'all': one step per candle (batch replays). 'published': only steps with a published
       * signal or a tier change. 'board': the published steps plus the last evaluation of each
       * market in the batch — the live path: the board stays current (IGNORE included) while
       * the main thread deserializes at most one extra step per market per batch.
       */
      readonly reply: 'all' | 'published' | 'board';
    }
  /**
   * Warm-up from a replay's history: the timeline's first `cursor` bar closes (those of the
   * configured timeframes), read straight from the shared columns. Answers with the last
   * evaluation of each market and timeframe only: history is not news, so nothing is published.
   */
  | {
      readonly type: 'warm';
      readonly id: number;
      readonly timeline: Timeline;
      readonly cursor: number;
    }
  /** Forgets every market (a fresh core, same config): before re-warming after a seek. */
  | { readonly type: 'reset'; readonly id: number };

export type ScannerResponse =
  | {
      readonly id: number;
      readonly ok: true;
      readonly steps: ScanStep[];
      /** Time the worker spent on the batch (excludes messaging), milliseconds. */
      readonly computeMs: number;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };
