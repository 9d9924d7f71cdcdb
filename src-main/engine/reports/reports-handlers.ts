import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import type { reportsCommands } from '../../../src-shared/contract/reports';
import type { AuditAnchor } from '../audit/audit-anchor';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import type { ExportRequest, ExportStage } from './export-report';
import type { ReportSource } from './report-source';
import { exportInWorker, type WorkerExport } from './report-worker-client';

/** Runs one export; the default runs it in a worker thread. */
export type RunExport = (
  source: ReportSource,
  request: ExportRequest,
  nowMs: number,
  onProgress: (stage: ExportStage, fraction: number) => void,
) => Promise<WorkerExport>;

export interface ReportsHandlerDeps {
  readonly clock: Clock;
  readonly events: EventBus;
  /** Opens the read port on the ledger for one export. */
  readonly source: () => ReportSource;
  /** Anchors the audit chain (side file) and gives its head, printed in the PDF. */
  readonly auditAnchor?: () => AuditAnchor;
  readonly runExport?: RunExport;
}

/** The UI's report export: bytes back to the renderer, progress as events. */
export function reportsHandlers(
  deps: ReportsHandlerDeps,
): Pick<CommandHandlers, keyof typeof reportsCommands> {
  const run = deps.runExport ?? ((s, r, n, p) => exportInWorker(s, r, n, p));
  return {
    exportReport: async (input) => {
      const out = await run(
        deps.source(),
        {
          book: input.book,
          period: input.period,
          timeZone: input.timeZone,
          format: input.format,
          ...(deps.auditAnchor === undefined ? {} : { auditAnchor: deps.auditAnchor() }),
        },
        deps.clock.now(),
        (stage, fraction) =>
          deps.events.publish('reportExportProgressed', {
            exportId: input.exportId,
            stage,
            fraction,
          }),
      );
      return {
        exportId: input.exportId,
        fileName: out.fileName,
        mimeType: out.mimeType,
        sizeBytes: out.bytes.length,
        bytesBase64: out.bytes.toString('base64'),
        summary: out.summary,
      };
    },
  };
}
