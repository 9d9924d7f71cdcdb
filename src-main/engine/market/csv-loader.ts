import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Candle } from '../../../src-shared/domain/candle';
import { TIMEFRAME_MS, type Timeframe } from '../../../src-shared/domain/timeframes';
import { parseCandleFileName } from './candle-file-name';
import { parseDecimal } from './parse-decimal';
import { CandleSeriesValidator, type CandleGap, type CandleViolation } from './candle-validation';

export type { CandleGap, CandleViolation } from './candle-validation';

/** A validated candle file: strictly increasing, aligned, OHLC-consistent candles plus its gaps. */
export interface LoadedCandles {
  readonly file: string;
  readonly exchange: string;
  /** Unified `BASE/QUOTE` symbol (file `ftx_BTC-PERP_1m.csv` gives `BTC/PERP`). */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly timeframe: Timeframe;
  readonly candles: Candle[];
  /** Missing intervals between accepted candles; reported, never filled. */
  readonly gaps: CandleGap[];
  /** Rows dropped because of `skipInvalid` (always empty otherwise: the load throws instead). */
  readonly violations: CandleViolation[];
  /** Data rows read (accepted + dropped). */
  readonly rows: number;
}

export interface LoadCandleCsvOptions {
  /** Keep the valid rows and report the dropped ones instead of refusing the whole file. */
  readonly skipInvalid?: boolean;
}

/** A candle file was refused. The message names the file and each violating line. */
export class CandleFileError extends Error {
  constructor(
    readonly file: string,
    readonly violations: CandleViolation[],
  ) {
    super(describeViolations(file, violations));
    this.name = 'CandleFileError';
  }
}

export const CANDLE_CSV_HEADER = 'timestamp,open,high,low,close,volume';
const MAX_LISTED = 10;
const FIELD_NAMES = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Streams one candle CSV (format of the shared data README) and validates every row. By
 * default any violation refuses the file (all violations are collected first, so the error
 * lists them all); with `skipInvalid` the valid rows are kept and the dropped rows returned.
 * A malformed file name or header, or a file without data rows, is always refused.
 */
export async function loadCandleCsv(
  path: string,
  options: LoadCandleCsvOptions = {},
): Promise<LoadedCandles> {
  const name = parseCandleFileName(basename(path));
  if (typeof name === 'string') {
    throw new CandleFileError(path, [{ file: path, line: 0, reason: name }]);
  }
  const validator = new CandleSeriesValidator(TIMEFRAME_MS[name.timeframe]);
  const candles: Candle[] = [];
  const violations: CandleViolation[] = [];
  let lineNo = 0;
  let pendingBlank = 0; // blank lines are only tolerated at the very end of the file

  const onLine = (raw: string): void => {
    lineNo += 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (lineNo === 1) {
      const header = line.startsWith('\uFEFF') ? line.slice(1) : line;
      if (header !== CANDLE_CSV_HEADER) {
        throw new CandleFileError(path, [
          { file: path, line: 1, reason: `header is '${header}', expected '${CANDLE_CSV_HEADER}'` },
        ]);
      }
      return;
    }
    if (line === '') {
      pendingBlank = pendingBlank === 0 ? lineNo : pendingBlank;
      return;
    }
    if (pendingBlank !== 0) {
      violations.push({ file: path, line: pendingBlank, reason: 'blank line inside the data' });
      pendingBlank = 0;
    }
    const parsed = parseRow(line);
    if (typeof parsed === 'string') {
      violations.push({ file: path, line: lineNo, reason: parsed });
      return;
    }
    const problems = validator.check(parsed);
    if (problems.length > 0)
      violations.push({ file: path, line: lineNo, reason: problems.join('; ') });
    else candles.push(parsed);
  };

  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        onLine(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
    }
  } finally {
    stream.destroy();
  }
  if (rest !== '') onLine(rest);

  if (lineNo === 0) {
    throw new CandleFileError(path, [{ file: path, line: 1, reason: 'file is empty (no header)' }]);
  }
  const rows =
    candles.length + violations.filter((v) => v.reason !== 'blank line inside the data').length;
  if (rows === 0)
    throw new CandleFileError(path, [{ file: path, line: 2, reason: 'file has no data rows' }]);
  if (violations.length > 0 && options.skipInvalid !== true) {
    throw new CandleFileError(path, violations);
  }
  return {
    file: path,
    exchange: name.exchange,
    symbol: name.symbol,
    base: name.base,
    quote: name.quote,
    timeframe: name.timeframe,
    candles,
    gaps: validator.gaps,
    violations,
    rows,
  };
}

/** Parses one data row strictly: six fields, integer timestamp, plain decimals only. */
function parseRow(line: string): Candle | string {
  const values: number[] = [];
  let problems: string[] | undefined;
  let start = 0;
  for (let field = 0; field < 6; field += 1) {
    const comma = line.indexOf(',', start);
    const last = field === 5;
    if (last ? comma !== -1 : comma === -1) {
      return `expected 6 fields, found ${line.split(',').length}`;
    }
    const end = last ? line.length : comma;
    const value = field === 0 ? parseTimestamp(line, start, end) : parseDecimal(line, start, end);
    if (Number.isNaN(value)) {
      const cell = line.slice(start, end);
      const what = field === 0 ? 'an integer epoch ms' : 'a number';
      (problems ??= []).push(`${FIELD_NAMES[field]} '${cell}' is not ${what}`);
    } else if (!Number.isFinite(value)) {
      (problems ??= []).push(`${FIELD_NAMES[field]} '${line.slice(start, end)}' is not finite`);
    }
    values.push(value);
    start = end + 1;
  }
  if (problems !== undefined) return problems.join('; ');
  const [openTime, open, high, low, close, volume] = values as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { openTime, open, high, low, close, volume };
}

/** Digits only, at most 16 (epoch ms fits well inside 2^53). NaN otherwise. */
function parseTimestamp(text: string, start: number, end: number): number {
  if (end <= start || end - start > 16) return Number.NaN;
  let value = 0;
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return Number.NaN;
    value = value * 10 + (c - 48);
  }
  return value;
}

function describeViolations(file: string, violations: readonly CandleViolation[]): string {
  const listed = violations
    .slice(0, MAX_LISTED)
    .map((v) => (v.line === 0 ? v.reason : `line ${v.line}: ${v.reason}`));
  const more =
    violations.length > MAX_LISTED ? `; ... and ${violations.length - MAX_LISTED} more` : '';
  const count = violations.length === 1 ? '1 violation' : `${violations.length} violations`;
  return `${file}: ${count}: ${listed.join('; ')}${more}`;
}
