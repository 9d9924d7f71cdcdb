import type { AuditLog } from '../audit/audit-log';
import type { EventBus } from '../event-bus';
import type { ScanStep, ScannerCandle } from './scanner-core';
import type { ScannerConfig } from './scoring/scanner-config';
import { ScannerWorkerClient, type ScannerWorkerEntry } from './scanner-worker-client';

export interface ScannerServiceOptions {
  readonly events: EventBus;
  readonly audit: AuditLog;
  readonly config: ScannerConfig;
  readonly workerEntry?: ScannerWorkerEntry;
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
   * with the published steps only.
   */
  async ingest(candles: readonly ScannerCandle[]): Promise<ScanStep[]> {
    const steps = await this.worker.processPublished(candles);
    for (const step of steps) {
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

  close(): Promise<void> {
    return this.worker.close();
  }
}
