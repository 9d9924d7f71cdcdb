import type { AuditLog } from '../audit/audit-log';
import type { Timeline } from '../market/replay-timeline';
import type { EventBus } from '../event-bus';
import type { ScanStep, ScannerCandle } from './scanner-core';
import type { ScannerConfig } from './scoring/scanner-config';
import { ScannerWorkerClient, type ScannerWorkerEntry } from './scanner-worker-client';
import type { SignalBoard } from './signal-board';

export interface ScannerServiceOptions {
  readonly events: EventBus;
  readonly audit: AuditLog;
  readonly config: ScannerConfig;
  readonly workerEntry?: ScannerWorkerEntry;
  /** Receives every evaluation, IGNORE included, for the board. */
  readonly board?: SignalBoard;
}

/**
 * The engine's side of the scanner: candles go to the worker thread; what comes back is
 * published as contract events (signalPublished, tierChanged) and recorded in the audit
 * chain. Published = WATCH, PRIME, FAILED or a tier change; IGNORE evaluations stay quiet.
 */
export class ScannerService {
  private constructor(
    private readonly options: ScannerServiceOptions,
    private readonly worker: ScannerWorkerClient,
  ) {}

  static async start(options: ScannerServiceOptions): Promise<ScannerService> {
    const worker = await ScannerWorkerClient.start(options.config, options.workerEntry);
    return new ScannerService(options, worker);
  }

  /**
   * Scans closed candles (in order) off the main thread, then publishes and audits. Resolves
   * with the steps the worker sent back: published ones and each market's latest evaluation.
   */
  async ingest(candles: readonly ScannerCandle[]): Promise<ScanStep[]> {
    const steps = await this.worker.processForBoard(candles);
    for (const step of steps) {
      if (step.signal !== null) {
        this.options.board?.update(step.signal);
        this.options.events.publish('signalEvaluated', step.signal);
      }
      if (step.signal !== null && step.published) {
        const s = step.signal;
        this.options.events.publish('signalPublished', s);
        this.options.audit.append({
          kind: 'scanner.signal_published',
          actor: 'system:scanner',
          payload: {
            exchange: s.exchange,
            symbol: s.symbol,
            timeframe: s.timeframe,
            at: s.at,
            tier: s.tier,
            direction: s.direction,
            probability: s.probability,
            score: s.score,
            evBps: s.evBps,
            failedGates: s.gates.filter((g) => !g.pass).map((g) => g.gate),
            reason: s.reason,
          },
        });
      }
      if (step.tierChange !== null) {
        this.options.events.publish('tierChanged', step.tierChange);
        this.options.audit.append({
          kind: 'scanner.tier_changed',
          actor: 'system:scanner',
          payload: { ...step.tierChange },
        });
      }
    }
    return steps;
  }

  /**
   * Warms the scanner on a replay's history, off the main thread, and puts each market's last
   * evaluation on the board (signalEvaluated), so the cockpit opens with signals. History is
   * not news: nothing is published, one audit row records the warm-up.
   */
  async warm(timeline: Timeline, cursor: number): Promise<ScanStep[]> {
    const steps = await this.worker.warm(timeline, cursor);
    for (const step of steps) {
      if (step.signal === null) continue;
      this.options.board?.update(step.signal);
      this.options.events.publish('signalEvaluated', step.signal);
    }
    this.options.audit.append({
      kind: 'scanner.warmed',
      actor: 'system:scanner',
      payload: {
        bars: cursor,
        through: cursor > 0 ? (timeline.closeTime[cursor - 1] as number) : null,
        signals: steps.length,
      },
    });
    return steps;
  }

  /** A fresh scanner and an empty board (the replay jumped; a warm-up follows). */
  async reset(): Promise<void> {
    await this.worker.reset();
    this.options.board?.clear();
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
