import { Worker } from 'node:worker_threads';
import type { Timeline } from '../market/replay-timeline';
import { siblingWorkerEntry, type WorkerEntry } from '../worker-entry';
import type { ScanStep, ScannerCandle } from './scanner-core';
import type { ScannerRequest, ScannerResponse } from './scanner-protocol';
import { validateScannerConfig, type ScannerConfig } from './scoring/scanner-config';

export type ScannerWorkerEntry = WorkerEntry;

export function defaultScannerWorkerEntry(here: string = import.meta.url): ScannerWorkerEntry {
  return siblingWorkerEntry(here, 'scanner.worker.ts', 'scanner-worker');
}

/** A typed, promise-based handle on the scanner worker thread. */
export class ScannerWorkerClient {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (s: ScanStep[]) => void; reject: (e: Error) => void }
  >();
  private failure: Error | null = null;
  /** Worker-side compute time of the last answered batch, milliseconds (for benches/status). */
  lastComputeMs = 0;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (response: ScannerResponse) => {
      const waiter = this.pending.get(response.id);
      if (waiter === undefined) return;
      this.pending.delete(response.id);
      if (response.ok) {
        this.lastComputeMs = response.computeMs;
        waiter.resolve(response.steps);
      } else waiter.reject(new Error(response.error));
    });
    const failAll = (error: Error): void => {
      this.failure = error;
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => failAll(error));
    worker.on('exit', (code) => failAll(new Error(`scanner worker exited with code ${code}`)));
  }

  static async start(
    config: ScannerConfig,
    entry = defaultScannerWorkerEntry(),
  ): Promise<ScannerWorkerClient> {
    validateScannerConfig(config);
    const worker = new Worker(entry.url, { execArgv: [...entry.execArgv] });
    const client = new ScannerWorkerClient(worker);
    await client.request({ type: 'init', id: client.nextId++, config });
    return client;
  }

  /** Runs a batch of candles through the scanner, in order; resolves with one step per candle. */
  process(candles: readonly ScannerCandle[]): Promise<ScanStep[]> {
    return this.request({ type: 'candles', id: this.nextId++, candles, reply: 'all' });
  }

  /** Same, but resolves only with the steps that publish a signal or change a tier. */
  processPublished(candles: readonly ScannerCandle[]): Promise<ScanStep[]> {
    return this.request({ type: 'candles', id: this.nextId++, candles, reply: 'published' });
  }

  /** Published steps plus each market's latest evaluation (the live path). */
  processForBoard(candles: readonly ScannerCandle[]): Promise<ScanStep[]> {
    return this.request({ type: 'candles', id: this.nextId++, candles, reply: 'board' });
  }

  /** Warms the scanner on a replay's history (see the 'warm' request). */
  warm(timeline: Timeline, cursor: number): Promise<ScanStep[]> {
    return this.request({ type: 'warm', id: this.nextId++, timeline, cursor });
  }

  /** Forgets every market: a fresh scanner with the same config. */
  reset(): Promise<ScanStep[]> {
    return this.request({ type: 'reset', id: this.nextId++ });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private request(message: ScannerRequest): Promise<ScanStep[]> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise<ScanStep[]>((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.worker.postMessage(message);
    });
  }
}
