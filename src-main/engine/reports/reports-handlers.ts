import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import type { reportsCommands } from '../../../src-shared/contract/reports';
import type { Clock } from '../clock';
import type { EventBus } from '../event-bus';
import { moneyText } from './money';
import { exportReport } from './export-report';
import type { ReportSource } from './report-source';

export interface ReportsHandlerDeps {
  readonly clock: Clock;
  readonly events: EventBus;
  /** Opens the read port on the ledger for one export. */
  readonly source: () => ReportSource;
}

/** The UI's report export: bytes back to the renderer, progress as events. */
export function reportsHandlers(
  deps: ReportsHandlerDeps,
): Pick<CommandHandlers, keyof typeof reportsCommands> {
  return {
    exportReport: async (input) => {
      const out = await exportReport(
        deps.source(),
        { book: input.book, period: input.period, timeZone: input.timeZone, format: input.format },
        deps.clock.now(),
        (stage, fraction) =>
          deps.events.publish('reportExportProgressed', {
            exportId: input.exportId,
            stage,
            fraction,
          }),
      );
      const s = out.report.summary;
      return {
        exportId: input.exportId,
        fileName: out.fileName,
        mimeType: out.mimeType,
        sizeBytes: out.bytes.length,
        bytesBase64: out.bytes.toString('base64'),
        summary: {
          periodLabel: out.report.period.label,
          book: out.report.book,
          currency: out.report.currency,
          trades: s.trades,
          realizedPnl: moneyText(s.realizedPnl),
          fees: moneyText(s.fees),
          partial: out.report.period.partial,
        },
      };
    },
  };
}
