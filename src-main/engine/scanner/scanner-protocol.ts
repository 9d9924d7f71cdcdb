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
    };

export type ScannerResponse =
  | {
      readonly id: number;
      readonly ok: true;
      readonly steps: ScanStep[];
      /** Time the worker spent on the batch (excludes messaging), milliseconds. */
      readonly computeMs: number;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };
