import type { ScannerSignal, SignalRow, Tier } from '../../../src-shared/contract/scanner';
import type { SeriesIdentity } from './packed-candles';
import { signalRow } from './signal-row';

/**
 * A bar close's board rows as they cross back from the worker: the numbers in one
 * Float64Array (transferred), each row's market by the series id the candles came with, and
 * each distinct reason once. A 4h close evaluates 1,800 series; structured-cloning 1,800 row
 * objects cost the main thread 2-15 ms to deserialize, rebuilding them from columns costs a
 * fraction of a millisecond.
 */
export interface PackedRows {
  /** ROW_STRIDE numbers per row, in the order the batch first evaluated each market. */
  readonly values: Float64Array<ArrayBuffer>;
  /** Distinct reasons; a row names its own by index. */
  readonly reasons: readonly string[];
  /**
   * The boardUpdated payload of these rows (`{"rows":[...]}`) as UTF-8 JSON, exactly the bytes
   * of JSON.stringify of the unpacked rows' payload; its buffer is transferred.
   */
  readonly boardJson: Uint8Array<ArrayBuffer>;
}

const SERIES = 0;
const AT = 1;
const TIER = 2;
const DIRECTION = 3;
const SCORE = 4;
const PROBABILITY = 5;
const EV = 6;
const REASON = 7;
/** Bit per nullable number that is null (a FAILED signal has none of them). */
const NULLS = 8;
const TIER_SINCE = 9;
const ROW_STRIDE = 10;
const SCORE_NULL = 1;
const PROBABILITY_NULL = 2;
const EV_NULL = 4;
/** Not a null: the row's P is calibrated (shares the flag word). */
const CALIBRATED = 8;
/** Not a null: the row's tier start is a change the scanner saw (shares the flag word). */
const TIER_SINCE_KNOWN = 16;

const TIERS: readonly Tier[] = ['PRIME', 'WATCH', 'IGNORE', 'FAILED'];
const DIRECTIONS: ReadonlyArray<SignalRow['direction']> = ['long', 'short', 'flat'];

const UTF8 = new TextEncoder();

/**
 * The worker's side: the latest evaluation of each series a batch evaluated (`signals[i]` of
 * series id `series[i]`, in the order the batch first evaluated each), packed, and the
 * boardUpdated payload of the same rows as UTF-8 JSON, made here so the main thread (which
 * carries the kill switch) neither serializes 1,800 rows per 4h close nor encodes them for
 * each connection. JSON.stringify of the rows signalRow makes: the same text the main thread
 * would have made of the unpacked rows (a test holds the two together); a hand-written writer
 * with each market's opening cached measured slower (about 3.5 ms for 1,800 rows, against 2.7).
 */
export function packRows(series: readonly number[], signals: readonly ScannerSignal[]): PackedRows {
  if (series.length !== signals.length)
    throw new RangeError(`packed rows: ${series.length} series for ${signals.length} signals`);
  const values = new Float64Array(signals.length * ROW_STRIDE);
  const reasons: string[] = [];
  const reasonIndex = new Map<string, number>();
  const rows = new Array<SignalRow>(signals.length);
  let at = 0;
  for (let row = 0; row < signals.length; row += 1) {
    const s = signals[row] as ScannerSignal;
    let reason = reasonIndex.get(s.reason);
    if (reason === undefined) {
      reason = reasons.length;
      reasons.push(s.reason);
      reasonIndex.set(s.reason, reason);
    }
    values[at + SERIES] = series[row] as number;
    values[at + AT] = s.at;
    values[at + TIER] = TIERS.indexOf(s.tier);
    values[at + DIRECTION] = DIRECTIONS.indexOf(s.direction);
    values[at + SCORE] = s.score ?? 0;
    values[at + PROBABILITY] = s.probability ?? 0;
    values[at + EV] = s.evBps ?? 0;
    values[at + REASON] = reason;
    values[at + TIER_SINCE] = s.tierSince;
    values[at + NULLS] =
      (s.score === null ? SCORE_NULL : 0) |
      (s.probability === null ? PROBABILITY_NULL : 0) |
      (s.evBps === null ? EV_NULL : 0) |
      (s.calibrated ? CALIBRATED : 0) |
      (s.tierSinceKnown ? TIER_SINCE_KNOWN : 0);
    rows[row] = signalRow(s);
    at += ROW_STRIDE;
  }
  return { values, reasons, boardJson: UTF8.encode(JSON.stringify({ rows })) };
}

/** How many rows a packed batch holds. */
export function rowCount(packed: PackedRows): number {
  return packed.values.length / ROW_STRIDE;
}

/** The series id (the candle packer's number) of the i-th packed row. */
export function rowSeries(packed: PackedRows, i: number): number {
  return packed.values[i * ROW_STRIDE + SERIES] as number;
}

/** How many numbers a packed row is: what a store that copies rows out keeps per row. */
export const ROW_NUMBERS = ROW_STRIDE;

/**
 * Copies the i-th packed row's numbers into `into` at `offset` (ROW_NUMBERS of them) and
 * returns its reason: a store that keeps rows this way holds nothing of the batch (its
 * transferred buffers are freed with it, in the young generation).
 */
export function copyRow(packed: PackedRows, i: number, into: Float64Array, offset: number): string {
  const { values } = packed;
  const from = i * ROW_STRIDE;
  for (let k = 0; k < ROW_STRIDE; k += 1) into[offset + k] = values[from + k] as number;
  return packed.reasons[values[from + REASON] as number] as string;
}

/**
 * A row again, field for field as `signalRow` makes it, from its numbers at `offset` of
 * `values`, its reason and its market (the identity the candle packer numbered).
 */
export function readRow(
  values: Float64Array,
  offset: number,
  reason: string,
  series: SeriesIdentity,
): SignalRow {
  const at = offset;
  const nulls = values[at + NULLS] as number;
  return {
    exchange: series.exchange,
    symbol: series.symbol,
    timeframe: series.timeframe,
    at: values[at + AT] as number,
    tier: TIERS[values[at + TIER] as number] as Tier,
    tierSince: values[at + TIER_SINCE] as number,
    tierSinceKnown: (nulls & TIER_SINCE_KNOWN) !== 0,
    direction: DIRECTIONS[values[at + DIRECTION] as number] as SignalRow['direction'],
    score: (nulls & SCORE_NULL) !== 0 ? null : (values[at + SCORE] as number),
    probability: (nulls & PROBABILITY_NULL) !== 0 ? null : (values[at + PROBABILITY] as number),
    calibrated: (nulls & CALIBRATED) !== 0,
    evBps: (nulls & EV_NULL) !== 0 ? null : (values[at + EV] as number),
    reason,
  };
}

/** The engine's side: the i-th row again, its market named through `series`. */
export function unpackRow(packed: PackedRows, i: number, series: SeriesIdentity): SignalRow {
  const at = i * ROW_STRIDE;
  const reason = packed.reasons[packed.values[at + REASON] as number] as string;
  return readRow(packed.values, at, reason, series);
}
