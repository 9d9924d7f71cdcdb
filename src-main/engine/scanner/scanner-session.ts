import { performance } from 'node:perf_hooks';
import type { ScannerSignal, SignalKey, SignalRow } from '../../../src-shared/contract/scanner';
import type { Timeline } from '../market/replay-timeline';
import { ScannerCore, type CalibrationTable, type ScannerCandle } from './scanner-core';
import { CandleUnpacker, type PackedCandles } from './packed-candles';
import { packRows } from './packed-rows';
import { PublicationRule } from './publication-rule';
import type { PackedBoardBatch, Publication } from './scanner-protocol';
import type { ScannerConfig } from './scoring/scanner-config';
import { signalKey, signalRow } from './signal-row';
import { warmFromHistory } from './warm-up';

/**
 * The scanner's state on the thread that computes it: a ScannerCore, every market's latest
 * signal (for explain), the publication rule and the calibrations. The scanner worker owns one
 * (the engine's main loop never runs indicator or scoring code); a backtest, already off the
 * main loop in its own worker, owns one directly, so a bar close costs no thread round trip.
 * Both run this same code: one scanner, two places it can live.
 */
export class ScannerSession {
  private core: ScannerCore;
  /** The calibrated mappings, kept when a reset makes a fresh core. */
  private calibrations: CalibrationTable = new Map();
  private readonly unpacker = new CandleUnpacker();
  /** Every market's latest signal (explained when asked), for explain requests. */
  private readonly latest = new Map<string, ScannerSignal>();
  private readonly news = new PublicationRule();
  /** Signal key of each series id the candles name, made once per series, not per bar. */
  private readonly keyOf: string[] = [];
  /**
   * Per series id, the scan that last evaluated it and its row there: a batch's rows are
   * gathered in two arrays, not a Map rebuilt (and grown) on every bar close.
   */
  private readonly scanOf: number[] = [];
  private readonly rowOf: number[] = [];
  private scans = 0;

  /** `config` must have passed validateScannerConfig (see ScannerCore). */
  constructor(private readonly config: ScannerConfig) {
    this.core = new ScannerCore(config);
  }

  /** The calibrated mappings to grade with from the next bar (or warm-up) on. */
  setCalibrations(table: CalibrationTable): void {
    this.calibrations = table;
    this.core.setCalibrations(table);
  }

  /** Forgets every market: a fresh core with the same config and calibrations. */
  reset(): void {
    this.core = new ScannerCore(this.config);
    this.core.setCalibrations(this.calibrations);
    this.latest.clear();
    this.news.forget();
  }

  /**
   * Warms the scanner on a replay's history (its first `cursor` bar closes): a board row per
   * market and timeframe. History is not news: nothing is published.
   */
  warm(timeline: Timeline, cursor: number): { rows: SignalRow[]; computeMs: number } {
    const started = performance.now();
    const rows: SignalRow[] = [];
    for (const step of warmFromHistory(this.core, timeline, cursor)) {
      if (step.signal === null) continue;
      this.latest.set(signalKey(step.signal), step.signal);
      rows.push(signalRow(step.signal));
    }
    // The first live evaluation of each market after the history is news.
    this.news.forget();
    return { rows, computeMs: performance.now() - started };
  }

  /** Scans a packed batch of closed candles, in order (see BoardBatch). */
  scan(packed: PackedCandles): PackedBoardBatch {
    const started = performance.now();
    const candles = this.unpacker.unpack(packed);
    const published: Publication[] = [];
    // Each market the batch evaluated, in first-seen order, with its last evaluation.
    const series: number[] = [];
    const signals: ScannerSignal[] = [];
    const scan = ++this.scans;
    for (let i = 0; i < candles.length; i += 1) {
      const candle = candles[i] as ScannerCandle;
      // Lean: contributions only for what is published (below) or explained on request.
      const { signal, tierChange } = this.core.onCandle(candle, false);
      if (signal === null) continue;
      const id = this.unpacker.seriesAt(packed, i);
      const key = (this.keyOf[id] ??= signalKey(candle));
      this.latest.set(key, signal);
      if (this.scanOf[id] === scan) signals[this.rowOf[id] as number] = signal;
      else {
        this.scanOf[id] = scan;
        this.rowOf[id] = series.length;
        series.push(id);
        signals.push(signal);
      }
      if (this.news.isNews(key, signal, tierChange))
        published.push({ signal: this.core.explain(signal), tierChange });
    }
    // Wall time only: a thread's CPU time is no finer than the kernel's scheduler tick on
    // some machines (4 ms on ours), too coarse for one scan, and asking twice a scan cost a
    // backtest about 2% of its run.
    return { published, rows: packRows(series, signals), computeMs: performance.now() - started };
  }

  /** The latest full signal of one market, or null when it has not been evaluated. */
  explain(key: SignalKey): ScannerSignal | null {
    const signal = this.latest.get(signalKey(key));
    return signal === undefined ? null : this.core.explain(signal);
  }
}
