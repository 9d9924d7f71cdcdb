import type { ReportSummaryView } from '../../../src-shared/contract/reports';
import type { ExportRequest, ExportStage } from './export-report';
import type { MemoryBookData } from './memory-report-source';

/** Main -> worker: one export, with the data it needs (the worker never opens the database). */
export interface ReportWorkerRequest {
  readonly request: ExportRequest;
  readonly nowMs: number;
  readonly data: MemoryBookData;
}

/** Worker -> main: progress, then exactly one of done or failed. */
export type ReportWorkerMessage =
  | { readonly type: 'progress'; readonly stage: ExportStage; readonly fraction: number }
  | {
      readonly type: 'done';
      readonly fileName: string;
      readonly mimeType: 'application/pdf' | 'text/csv';
      readonly bytes: Uint8Array;
      readonly summary: ReportSummaryView;
    }
  | { readonly type: 'failed'; readonly message: string };
