import { Worker } from 'node:worker_threads';
import type { ReportSummaryView } from '../../../src-shared/contract/reports';
import { resolvePeriod, type ExportRequest, type ExportStage } from './export-report';
import type { ReportSource } from './report-source';
import { snapshotSource } from './report-snapshot';
import type { ReportWorkerMessage, ReportWorkerRequest } from './report-worker-protocol';

export interface ReportWorkerEntry {
  readonly url: URL;
  readonly execArgv: readonly string[];
}

/**
 * Where the worker's code is: from TypeScript sources (tsx, vitest) the .ts file through tsx's
 * loader; from the CLI bundle (out/cli, ESM) and the Electron main bundle (out/main, CJS) the
 * sibling entry the build emits next to the bundle.
 */
export function defaultReportWorkerEntry(here: string = import.meta.url): ReportWorkerEntry {
  if (here.endsWith('.ts')) {
    return { url: new URL('./report-export.worker.ts', here), execArgv: ['--import', 'tsx'] };
  }
  const ext = here.endsWith('.cjs') ? 'cjs' : 'mjs';
  return { url: new URL(`./report-export-worker.${ext}`, here), execArgv: [] };
}

export interface WorkerExport {
  readonly fileName: string;
  readonly mimeType: 'application/pdf' | 'text/csv';
  readonly bytes: Buffer;
  readonly summary: ReportSummaryView;
}

/**
 * Runs one export in a worker thread. The period is checked and the source read here (quick,
 * and the database connection lives on this thread); building and rendering happen in the
 * worker, so a 10,000-trade report never stalls the engine's event loop.
 */
export function exportInWorker(
  source: ReportSource,
  request: ExportRequest,
  nowMs: number,
  onProgress: (stage: ExportStage, fraction: number) => void,
  entry: ReportWorkerEntry = defaultReportWorkerEntry(),
): Promise<WorkerExport> {
  const period = resolvePeriod(request.period, request.timeZone, nowMs);
  const job: ReportWorkerRequest = {
    request,
    nowMs,
    data: snapshotSource(source, request.book, period),
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.url, { workerData: job, execArgv: [...entry.execArgv] });
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: ReportWorkerMessage) => {
      if (message.type === 'progress') onProgress(message.stage, message.fraction);
      else if (message.type === 'failed') finish(() => reject(new Error(message.message)));
      else {
        const { bytes, ...rest } = message;
        finish(() =>
          resolve({
            ...rest,
            bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          }),
        );
      }
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`report worker stopped (exit code ${code}) before finishing`))),
    );
  });
}
