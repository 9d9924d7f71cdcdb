import { Worker } from 'node:worker_threads';
import type { ScannerSignal, SignalKey, SignalRow } from '../../../src-shared/contract/scanner';
import type { Timeline } from '../market/replay-timeline';
import { siblingWorkerEntry, type WorkerEntry } from '../worker-entry';
import { CandlePacker } from './packed-candles';
import { unpackBoardBatch } from './board-batch';
import type { CalibrationTable, ScannerCandle } from './scanner-core';
import type { BoardBatch, ScannerRequest, ScannerResponse } from './scanner-protocol';
import type { ScannerThread } from './scanner-thread';
import { validateScannerConfig, type ScannerConfig } from './scoring/scanner-config';

export type ScannerWorkerEntry = WorkerEntry;

export function defaultScannerWorkerEntry(here: string = import.meta.url): ScannerWorkerEntry {
  return siblingWorkerEntry(here, 'scanner.worker.ts', 'scanner-worker');
}

type Answer = Extract<ScannerResponse, { ok: true }>;

/** A typed, promise-based handle on the scanner worker thread. */
export class ScannerWorkerClient implements ScannerThread {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (answer: Answer) => void; reject: (e: Error) => void }
  >();
  private failure: Error | null = null;
  private readonly packer = new CandlePacker();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (response: ScannerResponse) => {
      const waiter = this.pending.get(response.id);
      if (waiter === undefined) return;
      this.pending.delete(response.id);
      if (response.ok) waiter.resolve(response);
      else waiter.reject(new Error(response.error));
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

  /**
   * Runs a batch of closed candles through the scanner, in order: the published steps in
   * full, and a board row for each market the batch evaluated.
   */
  async processForBoard(candles: readonly ScannerCandle[]): Promise<BoardBatch> {
    const packed = this.packer.pack(candles);
    const answer = await this.request({ type: 'candles', id: this.nextId++, candles: packed }, [
      packed.values.buffer,
    ]);
    if (answer.type !== 'candles') throw new Error(`scanner worker answered ${answer.type}`);
    return unpackBoardBatch(answer.batch, this.packer);
  }

  /** The latest full signal of one market, or null when the scanner has not evaluated it. */
  async explain(key: SignalKey): Promise<ScannerSignal | null> {
    const answer = await this.request({ type: 'explain', id: this.nextId++, key });
    if (answer.type !== 'explain') throw new Error(`scanner worker answered ${answer.type}`);
    return answer.signal;
  }

  /** Warms the scanner on a replay's history (see the 'warm' request): a row per market. */
  async warm(timeline: Timeline, cursor: number): Promise<SignalRow[]> {
    const answer = await this.request({ type: 'warm', id: this.nextId++, timeline, cursor });
    if (answer.type !== 'warm') throw new Error(`scanner worker answered ${answer.type}`);
    return answer.rows;
  }

  /** The calibrated mappings the scanner uses from its next bar on (kept across resets). */
  async setCalibrations(table: CalibrationTable): Promise<void> {
    const answer = await this.request({ type: 'calibrations', id: this.nextId++, table });
    if (answer.type !== 'calibrations') throw new Error(`scanner worker answered ${answer.type}`);
  }

  /** Forgets every market: a fresh scanner with the same config. */
  async reset(): Promise<void> {
    const answer = await this.request({ type: 'reset', id: this.nextId++ });
    if (answer.type !== 'reset') throw new Error(`scanner worker answered ${answer.type}`);
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private request(message: ScannerRequest, transfer: ArrayBuffer[] = []): Promise<Answer> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.worker.postMessage(message, transfer);
    });
  }
}
