import type { AuditEvent, AuditLog } from '../audit/audit-log';
import type { SignalRow } from '../../../src-shared/contract/scanner';
import type { EventBus } from '../event-bus';
import type { Timeline } from '../market/replay-timeline';
import type { CalibrationTable, ScannerCandle } from './scanner-core';
import type { BoardBatch } from './scanner-protocol';
import type { ScannerConfig } from './scoring/scanner-config';
import { InThreadScanner } from './in-thread-scanner';
import { ScannerWorkerClient, type ScannerWorkerEntry } from './scanner-worker-client';
import type { ScannerPlacement, ScannerThread } from './scanner-thread';
import type { SignalBoard } from './signal-board';

export interface ScannerServiceOptions {
  readonly events: EventBus;
  readonly audit: AuditLog;
  readonly config: ScannerConfig;
  readonly workerEntry?: ScannerWorkerEntry;
  /** Where the scanner computes (default: its worker thread; see ScannerThread). */
  readonly placement?: ScannerPlacement;
  /** Receives every market's latest row, IGNORE included, and explains rows from the worker. */
  readonly board?: SignalBoard;
}

/**
 * The engine's side of the scanner: candles go to the worker thread; what comes back is
 * published as contract events (boardUpdated, signalPublished, tierChanged) and recorded in
 * the audit chain. Published = news by PublicationRule (a tier change, a market's first
 * PRIME/WATCH/FAILED evaluation, a new FAILED reason); every evaluation updates the board.
 */
export class ScannerService {
  /**
   * Set by close(). The engine closes its database right after asking the pipeline to stop, so a
   * worker answer that lands after that has nowhere to be recorded and is dropped with the board.
   */
  private closed = false;

  private constructor(
    private readonly options: ScannerServiceOptions,
    private readonly worker: ScannerThread,
  ) {}

  static async start(options: ScannerServiceOptions): Promise<ScannerService> {
    const worker: ScannerThread =
      options.placement === 'this-thread'
        ? InThreadScanner.start(options.config)
        : await ScannerWorkerClient.start(options.config, options.workerEntry);
    options.board?.explainFrom((key) => worker.explain(key));
    return new ScannerService(options, worker);
  }

  /**
   * Scans closed candles (in order) off the main thread, then updates the board, publishes
   * and audits. Resolves with what the worker sent back.
   */
  async ingest(candles: readonly ScannerCandle[]): Promise<BoardBatch> {
    const batch = await this.worker.processForBoard(candles);
    if (this.closed) return batch;
    const { events, audit, board } = this.options;
    const rows = batch.board;
    if (rows.length > 0) {
      board?.updateFrom(rows);
      // The worker wrote the rows' JSON: no window's serialization runs on this thread, and no
      // row object is made unless a listener reads the payload's rows.
      events.publish('boardUpdated', rows.payload(), rows.json);
    }
    // Recorded first, in one transaction for the whole bar close, then announced. A tier change
    // is always news, so its publication's row records it (the tier left): one row each.
    const records: AuditEvent[] = batch.published.map(({ signal: s, tierChange }) => ({
      kind: 'scanner.signal_published',
      actor: 'system:scanner',
      payload: {
        exchange: s.exchange,
        symbol: s.symbol,
        timeframe: s.timeframe,
        at: s.at,
        tier: s.tier,
        changedFrom: tierChange?.from ?? null,
        direction: s.direction,
        probability: s.probability,
        score: s.score,
        evBps: s.evBps,
        failedGates: s.gates.filter((g) => !g.pass).map((g) => g.gate),
        reason: s.reason,
      },
    }));
    if (records.length > 0) audit.appendAll(records);
    for (const step of batch.published) {
      events.publish('signalPublished', step.signal);
      if (step.tierChange !== null) events.publish('tierChanged', step.tierChange);
    }
    return batch;
  }

  /**
   * Warms the scanner on a replay's history, off the main thread, and puts each market's last
   * evaluation on the board (boardUpdated), so the cockpit opens with signals. History is not
   * news: nothing is published, one audit row records the warm-up.
   */
  async warm(timeline: Timeline, cursor: number): Promise<SignalRow[]> {
    const rows = await this.worker.warm(timeline, cursor);
    if (this.closed) return rows;
    if (rows.length > 0) {
      this.options.board?.update(rows);
      this.options.events.publish('boardUpdated', { rows });
    }
    this.options.audit.append({
      kind: 'scanner.warmed',
      actor: 'system:scanner',
      payload: {
        bars: cursor,
        through: cursor > 0 ? (timeline.closeTime[cursor - 1] as number) : null,
        signals: rows.length,
      },
    });
    return rows;
  }

  /** The calibrated mappings to grade with from the next bar (or warm-up) on. */
  setCalibrations(table: CalibrationTable): Promise<void> {
    return this.worker.setCalibrations(table);
  }

  /** A fresh scanner and an empty board (the replay jumped; a warm-up follows). */
  async reset(): Promise<void> {
    await this.worker.reset();
    this.options.board?.clear();
  }

  close(): Promise<void> {
    this.closed = true;
    this.options.board?.explainFrom(undefined);
    return this.worker.close();
  }
}
