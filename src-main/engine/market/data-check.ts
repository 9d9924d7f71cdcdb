import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TIMEFRAME_MS, type Timeframe } from '../../../src-shared/domain/timeframes';
import { CandleFileError, loadCandleCsv } from './csv-loader';
import type { CandleViolation } from './candle-validation';

/** Validation report for one candle file (what `vigil data check` prints). */
export interface CandleFileReport {
  readonly file: string;
  /** No violation at all. */
  readonly ok: boolean;
  /** The file loads with `skipInvalid` (name, header and at least one valid row are fine). */
  readonly loadable: boolean;
  readonly exchange: string | null;
  readonly symbol: string | null;
  readonly timeframe: Timeframe | null;
  /** Data rows read, and the rows that passed validation. */
  readonly rows: number;
  readonly validRows: number;
  readonly first: number | null;
  readonly last: number | null;
  readonly gaps: {
    readonly count: number;
    readonly missing: number;
    /** The gap with the most missing slots: first missing open time and how many. */
    readonly longest: { readonly from: number; readonly missing: number } | null;
  };
  readonly violations: CandleViolation[];
}

/** Checks one file; never throws for bad content (that is what the report is for). */
export async function checkCandleFile(path: string): Promise<CandleFileReport> {
  try {
    const loaded = await loadCandleCsv(path, { skipInvalid: true });
    const tfMs = TIMEFRAME_MS[loaded.timeframe];
    let longest: { from: number; missing: number } | null = null;
    for (const gap of loaded.gaps) {
      if (longest === null || gap.missing > longest.missing) {
        longest = { from: gap.afterOpenTime + tfMs, missing: gap.missing };
      }
    }
    return {
      file: path,
      ok: loaded.violations.length === 0,
      loadable: loaded.candles.length > 0,
      exchange: loaded.exchange,
      symbol: loaded.symbol,
      timeframe: loaded.timeframe,
      rows: loaded.rows,
      validRows: loaded.candles.length,
      first: loaded.candles[0]?.openTime ?? null,
      last: loaded.candles.at(-1)?.openTime ?? null,
      gaps: {
        count: loaded.gaps.length,
        missing: loaded.gaps.reduce((n, g) => n + g.missing, 0),
        longest,
      },
      violations: loaded.violations,
    };
  } catch (error) {
    if (!(error instanceof CandleFileError)) throw error;
    return {
      file: path,
      ok: false,
      loadable: false,
      exchange: null,
      symbol: null,
      timeframe: null,
      rows: 0,
      validRows: 0,
      first: null,
      last: null,
      gaps: { count: 0, missing: 0, longest: null },
      violations: error.violations,
    };
  }
}

/** The candle files a path names: the file itself, or every `*.csv` in a folder, sorted. */
export function candleFilesAt(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith('.csv'))
    .sort()
    .map((name) => join(path, name));
}
