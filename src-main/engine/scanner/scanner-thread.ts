import type { ScannerSignal, SignalKey, SignalRow } from '../../../src-shared/contract/scanner';
import type { Timeline } from '../market/replay-timeline';
import type { CalibrationTable, ScannerCandle } from './scanner-core';
import type { BoardBatch } from './scanner-protocol';

/**
 * Where the scanner computes, as the engine's ScannerService sees it: the scanner worker thread
 * (ScannerWorkerClient, the engine's default, so the main loop never runs scoring code) or the
 * calling thread (InThreadScanner, for an engine that already runs off the main loop: a
 * backtest's). Both hold a ScannerSession: the same scanner, answering the same calls.
 */
export interface ScannerThread {
  /** Runs closed candles (in order) through the scanner: publications and a row per market. */
  processForBoard(candles: readonly ScannerCandle[]): Promise<BoardBatch>;
  /** The latest full signal of one market, or null when the scanner has not evaluated it. */
  explain(key: SignalKey): Promise<ScannerSignal | null>;
  /** Warms the scanner on a replay's first `cursor` bar closes: a board row per market. */
  warm(timeline: Timeline, cursor: number): Promise<SignalRow[]>;
  /** The calibrated mappings to use from the next bar on (kept across resets). */
  setCalibrations(table: CalibrationTable): Promise<void>;
  /** Forgets every market: a fresh scanner with the same config. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Where an engine's scanner runs (see ScannerThread). */
export type ScannerPlacement = 'worker' | 'this-thread';
