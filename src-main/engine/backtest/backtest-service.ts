import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type {
  BacktestFileFormat,
  BacktestMetrics,
  BacktestRequest,
} from '../../../src-shared/contract/backtest';
import type { EventBus } from '../event-bus';
import type { StoredCalibration } from '../scanner/calibration/calibration-store';
import { planBacktest, type BacktestPlan } from './backtest-plan';
import type { BacktestProgressUpdate, BacktestResult } from './backtest-result';
import { backtestInWorker, type BacktestInWorkerOptions } from './backtest-worker-client';

/** Runs one backtest (the default: in a worker thread). */
export type RunBacktest = (
  plan: BacktestPlan,
  options: BacktestInWorkerOptions,
) => Promise<BacktestResult>;

export interface BacktestServiceDeps {
  readonly events: EventBus;
  /** The host's bundled replay folder: what a run without a folder backtests. */
  readonly bundledData: string | null;
  /** The engine's stored calibrations, which a run grades P with as the engine does. */
  readonly calibrations: () => readonly StoredCalibration[];
  readonly run?: RunBacktest;
}

export interface BacktestFile {
  readonly fileName: string;
  readonly mimeType: 'application/pdf' | 'text/csv' | 'application/json';
  readonly bytes: Buffer;
}

/** Finished runs kept for their files (a report is a few tens of kB). */
const KEPT_RUNS = 5;

/**
 * The cockpit's backtests: one at a time (it takes a core), in a worker thread off the
 * engine's loop, progress as `backtestProgressed` events, cancellable, its files kept for the
 * last few runs so the trader can save them.
 */
export class BacktestService {
  private running: { readonly runId: string; readonly abort: AbortController } | null = null;
  private readonly finished = new Map<string, BacktestResult>();

  constructor(private readonly deps: BacktestServiceDeps) {}

  setup(): { bundledData: string | null; running: string | null } {
    return { bundledData: this.deps.bundledData, running: this.running?.runId ?? null };
  }

  async run(
    runId: string,
    request: BacktestRequest,
  ): Promise<{
    metrics: BacktestMetrics;
    files: Array<{ format: BacktestFileFormat; fileName: string; sizeBytes: number }>;
  }> {
    if (this.running !== null)
      throw new RefusedError(
        `a backtest is already running (${this.running.runId}); cancel it or wait for it`,
      );
    if (this.finished.has(runId)) throw new RefusedError(`backtest ${runId} has already run`);
    const plan = planBacktest(request, this.deps.bundledData, this.deps.calibrations());
    const abort = new AbortController();
    this.running = { runId, abort };
    const publish = (update: BacktestProgressUpdate): void =>
      this.deps.events.publish('backtestProgressed', { runId, ...update });
    try {
      const result = await (this.deps.run ?? backtestInWorker)(plan, {
        onProgress: publish,
        signal: abort.signal,
      });
      this.finished.set(runId, result);
      for (const old of [...this.finished.keys()].slice(0, -KEPT_RUNS)) this.finished.delete(old);
      const files = (['pdf', 'lots-csv', 'fills-csv', 'metrics-json'] as const).map((format) => {
        const file = fileOf(result, format);
        return { format, fileName: file.fileName, sizeBytes: file.bytes.length };
      });
      return { metrics: result.metrics, files };
    } finally {
      this.running = null;
    }
  }

  cancel(runId: string): boolean {
    if (this.running?.runId !== runId) return false;
    this.running.abort.abort();
    return true;
  }

  file(runId: string, format: BacktestFileFormat): BacktestFile {
    const result = this.finished.get(runId);
    if (result === undefined)
      throw new RefusedError(`no finished backtest ${runId} (only the last ${KEPT_RUNS} are kept)`);
    return fileOf(result, format);
  }

  /** The engine stops: a running backtest is cancelled (its worker ends between two bars). */
  stop(): void {
    this.running?.abort.abort();
  }
}

/** A run's file by format, named after the days it covers. */
export function fileOf(result: BacktestResult, format: BacktestFileFormat): BacktestFile {
  switch (format) {
    case 'pdf':
      return { fileName: `${result.baseName}.pdf`, mimeType: 'application/pdf', bytes: result.pdf };
    case 'lots-csv':
      return { fileName: `${result.baseName}.csv`, mimeType: 'text/csv', bytes: result.lotsCsv };
    case 'fills-csv':
      return {
        fileName: `${result.baseName}-fills.csv`,
        mimeType: 'text/csv',
        bytes: result.fillsCsv,
      };
    case 'metrics-json':
      return {
        fileName: `${result.baseName}.json`,
        mimeType: 'application/json',
        bytes: result.metricsJson,
      };
  }
}
