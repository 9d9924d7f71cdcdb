import { runOneShotWorker } from '../one-shot-worker';
import { siblingWorkerEntry, type WorkerEntry } from '../worker-entry';
import type { ReportSummaryView } from '../../../src-shared/contract/reports';
import { resolvePeriod, type ExportRequest, type ExportStage } from './export-report';
import type { ReportSource } from './report-source';
import { snapshotSource } from './report-snapshot';
import type { ReportWorkerMessage, ReportWorkerRequest } from './report-worker-protocol';

export type ReportWorkerEntry = WorkerEntry;

export function defaultReportWorkerEntry(here: string = import.meta.url): ReportWorkerEntry {
  return siblingWorkerEntry(here, 'report-export.worker.ts', 'report-export-worker');
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
  return runOneShotWorker<ReportWorkerMessage, WorkerExport>(
    entry,
    { workerData: job },
    (message, settle) => {
      if (message.type === 'progress') onProgress(message.stage, message.fraction);
      else if (message.type === 'failed') settle.reject(new Error(message.message));
      else {
        const { bytes, ...rest } = message;
        settle.resolve({
          ...rest,
          bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        });
      }
    },
    'report worker',
  );
}
