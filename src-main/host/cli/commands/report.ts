import { auditAnchorPath, writeAuditAnchor } from '../../../engine/audit/audit-anchor';
import type { ReportPeriodSpec } from '../../../../src-shared/contract/reports';
import { BookIdSchema } from '../../../../src-shared/domain/order';
import { systemClock, type Clock } from '../../../engine/clock';
import { databasePath } from '../../../engine/data-dir';
import { buildReport } from '../../../engine/reports/build-report';
import { resolvePeriod } from '../../../engine/reports/export-report';
import { renderReportPdf } from '../../../engine/reports/report-pdf';
import { fillsCsv, lotsCsv } from '../../../engine/reports/report-csv';
import { formatMoney } from '../../../engine/reports/report-format';
import { ReportPeriodError, type ReportPeriod } from '../../../engine/reports/report-period';
import {
  openReportSource,
  type OpenedReportSource,
} from '../../../engine/reports/engine-report-source';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { parseFlags } from '../parse-flags';
import { reportFileFlags, writeReportFiles } from '../report-files';

export interface ReportCommandDeps {
  readonly openSource: (dataDir: string, nowMs: number) => OpenedReportSource;
  readonly clock: Clock;
}

/** Opens the data folder's database read-only and reads its ledger. */
function openLedgerSource(dataDir: string, nowMs: number): OpenedReportSource {
  try {
    return openReportSource(databasePath(dataDir), nowMs);
  } catch (error) {
    throw new ReportSourceError(error instanceof Error ? error.message : String(error));
  }
}

class ReportSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportSourceError';
  }
}

function periodSpec(values: { month?: string; from?: string; to?: string }): ReportPeriodSpec {
  if (values.month !== undefined) {
    if (values.from !== undefined || values.to !== undefined) {
      throw new UsageError('give either --month or --from/--to, not both');
    }
    return { kind: 'month', month: values.month };
  }
  if (values.from === undefined || values.to === undefined) {
    throw new UsageError(
      'a period is required: --month YYYY-MM, or --from YYYY-MM-DD --to YYYY-MM-DD',
    );
  }
  return { kind: 'range', from: values.from, to: values.to };
}

function bookOf(raw: string | undefined): string {
  const book = raw ?? 'paper';
  if (book === 'live')
    throw new UsageError('name the live venue: --book live:<venue> (e.g. live:binance)');
  if (!BookIdSchema.safeParse(book).success) {
    throw new UsageError(`--book must be 'paper' or 'live:<venue>', got '${book}'`);
  }
  return book;
}

/**
 * `vigil report`: the PDF report of one book for a month or a range of days in the user's
 * time zone, and optionally the tax CSVs (closed lots to --csv, raw fills beside it).
 */
export async function reportCommand(
  args: readonly string[],
  io: CliIo,
  deps: ReportCommandDeps = { openSource: openLedgerSource, clock: systemClock },
): Promise<number> {
  const { values } = parseFlags(args, {
    month: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    book: { type: 'string' },
    tz: { type: 'string' },
    out: { type: 'string' },
    csv: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  });
  const period = periodSpec(values);
  const book = bookOf(values.book);
  const out = reportFileFlags(values.out, values.csv);
  const timeZone = values.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const dataDir = resolveDataDir(values['data-dir'], io);
  const now = deps.clock.now();
  let resolved: ReportPeriod;
  try {
    // A malformed or future period is a usage error, found before anything is opened.
    resolved = resolvePeriod(period, timeZone, now);
  } catch (error) {
    if (error instanceof ReportPeriodError) throw new UsageError(error.message);
    throw error;
  }

  let opened: OpenedReportSource;
  try {
    opened = deps.openSource(dataDir, now);
  } catch (error) {
    if (!(error instanceof ReportSourceError)) throw error;
    io.stderr(`vigil report: ${error.message}\n`);
    return EXIT_FAILURE;
  }
  try {
    // Built once; the PDF and both CSVs render the same report.
    const anchor = opened.auditAnchor;
    const r = await buildReport({
      source: opened.source,
      book,
      period: resolved,
      generatedAt: now,
      ...(anchor === undefined ? {} : { auditAnchor: anchor }),
    });
    if (anchor !== undefined) {
      try {
        writeAuditAnchor(dataDir, anchor, now);
      } catch (error) {
        // The report is still right; only the side copy of its anchor is missing.
        io.stderr(
          `vigil report: could not write ${auditAnchorPath(dataDir)}: ${(error as Error).message}\n`,
        );
      }
    }
    const written = writeReportFiles(out, values.csv, {
      pdf: await renderReportPdf(r),
      lots: lotsCsv(r),
      fills: fillsCsv(r),
    });
    const s = r.summary;
    if (values.json === true) {
      io.stdout(
        `${JSON.stringify({
          period: r.period.label,
          book: r.book,
          timeZone: r.period.timeZone,
          partial: r.period.partial,
          trades: s.trades,
          realizedPnl: s.realizedPnl.toFixed(),
          fees: s.fees.toFixed(),
          rejections: s.rejections,
          halts: s.halts,
          kills: s.kills,
          files: written,
        })}\n`,
      );
    } else {
      const what =
        s.trades === 0
          ? 'no trades'
          : `${s.trades} trades, realized ${formatMoney(s.realizedPnl)} ${r.currency}, fees ${formatMoney(s.fees)} ${r.currency}`;
      io.stdout(
        `${r.period.label} (${r.book}, ${r.period.timeZone})${r.period.partial ? ', in progress' : ''}: ${what}\n`,
      );
      for (const file of written) io.stdout(`wrote ${file}\n`);
    }
    return EXIT_OK;
  } finally {
    opened.close();
  }
}
