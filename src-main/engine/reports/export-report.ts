import type { ReportFormat, ReportPeriodSpec } from '../../../src-shared/contract/reports';
import type { AuditAnchor } from '../audit/audit-anchor';
import { buildReport } from './build-report';
import { fillsCsv, lotsCsv } from './report-csv';
import type { Report } from './report-model';
import { renderReportPdf } from './report-pdf';
import { monthPeriod, rangePeriod, type ReportPeriod } from './report-period';
import type { Book, ReportSource } from './report-source';
import type { ReportSummaryView } from '../../../src-shared/contract/reports';
import { moneyText } from './money';
import type { Pause } from './pause';

export interface ExportRequest {
  readonly book: Book;
  readonly period: ReportPeriodSpec;
  readonly timeZone: string;
  readonly format: ReportFormat;
  /** The audit chain's head, printed in the PDF. */
  readonly auditAnchor?: AuditAnchor;
}

export type ExportStage = 'reading' | 'matching' | 'metrics' | 'rendering' | 'done';

export interface ExportedReport {
  readonly fileName: string;
  readonly mimeType: 'application/pdf' | 'text/csv';
  readonly bytes: Buffer;
  readonly report: Report;
}

/** Where each stage sits in the overall progress bar (building is quick; rendering is not). */
const STAGE_SPAN: Record<ExportStage, readonly [number, number]> = {
  reading: [0, 0.15],
  matching: [0.15, 0.25],
  metrics: [0.25, 0.35],
  rendering: [0.35, 1],
  done: [1, 1],
};

export function resolvePeriod(
  spec: ReportPeriodSpec,
  timeZone: string,
  nowMs: number,
): ReportPeriod {
  return spec.kind === 'month'
    ? monthPeriod(spec.month, timeZone, nowMs)
    : rangePeriod(spec.from, spec.to, timeZone, nowMs);
}

function slug(spec: ReportPeriodSpec): string {
  return spec.kind === 'month' ? spec.month : `${spec.from}_${spec.to}`;
}

/**
 * Builds a report and renders one file of it. Shared by the CLI and the UI command so both
 * produce the same bytes. Reads the source only.
 */
export async function exportReport(
  source: ReportSource,
  request: ExportRequest,
  nowMs: number,
  onProgress: (stage: ExportStage, fraction: number) => void = () => {},
  pause?: Pause,
): Promise<ExportedReport> {
  const at = (stage: ExportStage, f: number): void => {
    const [a, b] = STAGE_SPAN[stage];
    onProgress(stage, a + (b - a) * Math.min(1, Math.max(0, f)));
  };
  const period = resolvePeriod(request.period, request.timeZone, nowMs);
  const report = await buildReport({
    source,
    book: request.book,
    period,
    generatedAt: nowMs,
    ...(request.auditAnchor === undefined ? {} : { auditAnchor: request.auditAnchor }),
    onProgress: (stage, f) => at(stage as ExportStage, f),
    ...(pause === undefined ? {} : { pause }),
  });
  const book = request.book.replace(':', '-');
  const base = `${book}-${slug(request.period)}`;
  let out: ExportedReport;
  if (request.format === 'pdf') {
    const bytes = await renderReportPdf(report, {
      onProgress: (f) => at('rendering', f),
      ...(pause === undefined ? {} : { pause }),
    });
    out = { fileName: `vigil-report-${base}.pdf`, mimeType: 'application/pdf', bytes, report };
  } else {
    const text = request.format === 'lots-csv' ? lotsCsv(report) : fillsCsv(report);
    const kind = request.format === 'lots-csv' ? 'lots' : 'fills';
    out = {
      fileName: `vigil-${kind}-${base}.csv`,
      mimeType: 'text/csv',
      bytes: Buffer.from(text, 'utf8'),
      report,
    };
  }
  at('done', 1);
  return out;
}

/** The figures the UI shows after an export (exact decimal strings). */
export function reportSummary(report: Report): ReportSummaryView {
  const s = report.summary;
  return {
    periodLabel: report.period.label,
    book: report.book,
    currency: report.currency,
    trades: s.trades,
    realizedPnl: moneyText(s.realizedPnl),
    fees: moneyText(s.fees),
    partial: report.period.partial,
  };
}
