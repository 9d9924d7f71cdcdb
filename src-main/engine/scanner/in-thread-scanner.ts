import type { ScannerSignal, SignalKey, SignalRow } from '../../../src-shared/contract/scanner';
import type { Timeline } from '../market/replay-timeline';
import { unpackBoardBatch } from './board-batch';
import { CandlePacker } from './packed-candles';
import type { CalibrationTable, ScannerCandle } from './scanner-core';
import type { BoardBatch } from './scanner-protocol';
import { ScannerSession } from './scanner-session';
import type { ScannerThread } from './scanner-thread';
import { validateScannerConfig, type ScannerConfig } from './scoring/scanner-config';

/**
 * The scanner on the calling thread: the session the scanner worker would own, called
 * directly. Only for an engine that is itself off the main loop (a backtest's, in its own
 * worker), where a thread round trip per bar close was most of the run's cost. Candles and
 * rows are packed exactly as they cross to the worker, so both placements feed the session the
 * same numbers and read back the same rows.
 */
export class InThreadScanner implements ScannerThread {
  private readonly packer = new CandlePacker();
  private closed = false;

  private constructor(private readonly session: ScannerSession) {}

  static start(config: ScannerConfig): InThreadScanner {
    validateScannerConfig(config);
    return new InThreadScanner(new ScannerSession(config));
  }

  processForBoard(candles: readonly ScannerCandle[]): Promise<BoardBatch> {
    return this.run(() =>
      unpackBoardBatch(this.session.scan(this.packer.pack(candles)), this.packer),
    );
  }

  explain(key: SignalKey): Promise<ScannerSignal | null> {
    return this.run(() => this.session.explain(key));
  }

  warm(timeline: Timeline, cursor: number): Promise<SignalRow[]> {
    return this.run(() => this.session.warm(timeline, cursor).rows);
  }

  setCalibrations(table: CalibrationTable): Promise<void> {
    return this.run(() => this.session.setCalibrations(table));
  }

  reset(): Promise<void> {
    return this.run(() => this.session.reset());
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  /** A call answered as the worker answers: a settled promise, or a rejection with its error. */
  private run<T>(call: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('scanner: closed'));
    try {
      return Promise.resolve(call());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
