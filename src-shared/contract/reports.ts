import { z } from 'zod';
import { BookIdSchema } from '../domain/order';

/** Which period a report covers, in the user's time zone. */
export const ReportPeriodSpecSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('month'),
      month: z.string().regex(/^\d{4}-\d{2}$/, 'must be YYYY-MM'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('range'),
      /** First day, inclusive, YYYY-MM-DD. */
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
      /** Last day, inclusive, YYYY-MM-DD. */
      to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
    })
    .strict(),
]);
export type ReportPeriodSpec = z.infer<typeof ReportPeriodSpecSchema>;

/** pdf: the full report; lots-csv: closed FIFO lots (tax); fills-csv: raw fills (Koinly universal). */
export const ReportFormatSchema = z.enum(['pdf', 'lots-csv', 'fills-csv']);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

export const ReportSummarySchema = z.object({
  periodLabel: z.string(),
  book: BookIdSchema,
  currency: z.string(),
  trades: z.number().int().nonnegative(),
  /** Exact decimal strings, as in the ledger. */
  realizedPnl: z.string(),
  fees: z.string(),
  partial: z.boolean(),
});
export type ReportSummaryView = z.infer<typeof ReportSummarySchema>;

export const reportsCommands = {
  /**
   * Builds a report and returns the file's bytes (base64) for the UI to save: a download in
   * the browser, a save dialog in Electron. Read-only: exporting never changes the ledger.
   * Progress arrives as `reportExportProgressed` events carrying the caller's exportId.
   */
  exportReport: {
    input: z
      .object({
        exportId: z.string().min(1).max(64),
        book: BookIdSchema,
        period: ReportPeriodSpecSchema,
        /** IANA zone, e.g. "Europe/Berlin": days and months start at local midnight. */
        timeZone: z.string().min(1).max(64),
        format: ReportFormatSchema,
      })
      .strict(),
    output: z.object({
      exportId: z.string(),
      fileName: z.string(),
      mimeType: z.enum(['application/pdf', 'text/csv']),
      sizeBytes: z.number().int().nonnegative(),
      bytesBase64: z.string(),
      summary: ReportSummarySchema,
    }),
  },
} as const;

export const ReportExportProgressSchema = z.object({
  exportId: z.string(),
  stage: z.enum(['reading', 'matching', 'metrics', 'rendering', 'done']),
  /** 0..1 over the whole export. */
  fraction: z.number().min(0).max(1),
});
export type ReportExportProgress = z.infer<typeof ReportExportProgressSchema>;

export const reportsEvents = {
  reportExportProgressed: ReportExportProgressSchema,
} as const;
