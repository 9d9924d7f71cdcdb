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
       * signal or a tier change — the live path, so the main thread deserializes little.
       */
      readonly reply: 'all' | 'published';
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
