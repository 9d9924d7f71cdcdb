import { writeFileSync } from 'node:fs';
import { UsageError } from './cli-io';

/** `--out FILE.pdf [--csv FILE.csv]`, checked before anything runs; the PDF's path. */
export function reportFileFlags(out: string | undefined, csv: string | undefined): string {
  if (out === undefined) throw new UsageError('--out FILE.pdf is required');
  if (!out.toLowerCase().endsWith('.pdf'))
    throw new UsageError(`--out must name a .pdf file, got '${out}'`);
  if (csv !== undefined && !csv.toLowerCase().endsWith('.csv'))
    throw new UsageError(`--csv must name a .csv file, got '${csv}'`);
  return out;
}

/**
 * Writes a report's files: the PDF, and with --csv the tax lots CSV there and the raw fills
 * CSV beside it (FILE-fills.csv). Returns the paths written, in that order.
 */
export function writeReportFiles(
  out: string,
  csv: string | undefined,
  files: { readonly pdf: Buffer; readonly lots: string | Buffer; readonly fills: string | Buffer },
): string[] {
  writeFileSync(out, files.pdf);
  if (csv === undefined) return [out];
  const fillsPath = csv.replace(/\.csv$/i, '-fills.csv');
  writeFileSync(csv, files.lots);
  writeFileSync(fillsPath, files.fills);
  return [out, csv, fillsPath];
}
