import type { ScannerSignal, SignalRow, Tier } from '../../../src-shared/contract/scanner';
import type { SeriesIdentity } from './packed-candles';

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
const ROW_STRIDE = 9;
const SCORE_NULL = 1;
const PROBABILITY_NULL = 2;
const EV_NULL = 4;
/** Not a null: the row's P is calibrated (shares the flag word). */
const CALIBRATED = 8;

const TIERS: readonly Tier[] = ['PRIME', 'WATCH', 'IGNORE', 'FAILED'];
const DIRECTIONS: ReadonlyArray<SignalRow['direction']> = ['long', 'short', 'flat'];

const UTF8 = new TextEncoder();
// A row's fixed pieces as JSON.stringify writes them, so the writer below only formats numbers.
const TIER_JSON = TIERS.map((t) => `,"tier":${JSON.stringify(t)}`);
const DIRECTION_JSON = DIRECTIONS.map((d) => `,"direction":${JSON.stringify(d)},"score":`);

/** A number as JSON.stringify writes it (a non-finite number is null there too). */
function jsonNumber(x: number | null): string {
  return x === null || !Number.isFinite(x) ? 'null' : String(x);
}

/**
 * Each series' row opening (`{"exchange":…,"symbol":…,"timeframe":…,"at":`), written once per
 * series id: a series id names the same market and timeframe for the life of a session, and
 * a 4h close would otherwise escape the same three strings 1,800 times.
 */
export class RowOpenings {
  private readonly text: string[] = [];

  of(series: number, s: ScannerSignal): string {
    return (this.text[series] ??=
      `{"exchange":${JSON.stringify(s.exchange)},"symbol":${JSON.stringify(s.symbol)},"timeframe":${JSON.stringify(s.timeframe)},"at":`);
  }
}

/**
 * The worker's side: the latest evaluation of each series a batch evaluated, packed, and the
 * boardUpdated payload of the same rows as UTF-8 JSON, made here so the main thread (which
 * carries the kill switch) neither serializes 1,800 rows per 4h close nor encodes them for
 * each connection. The text is exactly JSON.stringify({ rows }) of the rows signalRow makes
 * (tests hold the two together, for any market name, reason and figure), written from cached
 * openings and reasons: no row object per series, and no escaping of the same names per bar.
 */
export function packRows(
  latest: ReadonlyMap<number, ScannerSignal>,
  openings: RowOpenings = new RowOpenings(),
): PackedRows {
  const values = new Float64Array(latest.size * ROW_STRIDE);
  const reasons: string[] = [];
  const reasonJson: string[] = [];
  const reasonIndex = new Map<string, number>();
  let json = '{"rows":[';
  let at = 0;
  for (const [series, s] of latest) {
    let reason = reasonIndex.get(s.reason);
    if (reason === undefined) {
      reason = reasons.length;
      reasons.push(s.reason);
      reasonJson.push(`,"reason":${JSON.stringify(s.reason)}}`);
      reasonIndex.set(s.reason, reason);
    }
    const tier = TIERS.indexOf(s.tier);
    const direction = DIRECTIONS.indexOf(s.direction);
    if (tier < 0 || direction < 0)
      throw new Error(`packRows: series ${series} has tier ${s.tier}, direction ${s.direction}`);
    values[at + SERIES] = series;
    values[at + AT] = s.at;
    values[at + TIER] = tier;
    values[at + DIRECTION] = direction;
    values[at + SCORE] = s.score ?? 0;
    values[at + PROBABILITY] = s.probability ?? 0;
    values[at + EV] = s.evBps ?? 0;
    values[at + REASON] = reason;
    values[at + NULLS] =
      (s.score === null ? SCORE_NULL : 0) |
      (s.probability === null ? PROBABILITY_NULL : 0) |
      (s.evBps === null ? EV_NULL : 0) |
      (s.calibrated ? CALIBRATED : 0);
    if (at > 0) json += ',';
    json +=
      openings.of(series, s) +
      jsonNumber(s.at) +
      (TIER_JSON[tier] as string) +
      (DIRECTION_JSON[direction] as string) +
      jsonNumber(s.score) +
      ',"probability":' +
      jsonNumber(s.probability) +
      (s.calibrated ? ',"calibrated":true,"evBps":' : ',"calibrated":false,"evBps":') +
      jsonNumber(s.evBps) +
      (reasonJson[reason] as string);
    at += ROW_STRIDE;
  }
  return { values, reasons, boardJson: UTF8.encode(json + ']}') };
}

/**
 * The main thread's side: the rows again, field for field as `signalRow` makes them, each
 * market named through `identityOf` (the candle packer that numbered the series).
 */
export function unpackRows(
  packed: PackedRows,
  identityOf: (series: number) => SeriesIdentity,
): SignalRow[] {
  const { values, reasons } = packed;
  const count = values.length / ROW_STRIDE;
  const rows = new Array<SignalRow>(count);
  for (let i = 0; i < count; i += 1) {
    const at = i * ROW_STRIDE;
    const series = identityOf(values[at + SERIES] as number);
    const nulls = values[at + NULLS] as number;
    rows[i] = {
      exchange: series.exchange,
      symbol: series.symbol,
      timeframe: series.timeframe,
      at: values[at + AT] as number,
      tier: TIERS[values[at + TIER] as number] as Tier,
      direction: DIRECTIONS[values[at + DIRECTION] as number] as SignalRow['direction'],
      score: (nulls & SCORE_NULL) !== 0 ? null : (values[at + SCORE] as number),
      probability: (nulls & PROBABILITY_NULL) !== 0 ? null : (values[at + PROBABILITY] as number),
      calibrated: (nulls & CALIBRATED) !== 0,
      evBps: (nulls & EV_NULL) !== 0 ? null : (values[at + EV] as number),
      reason: reasons[values[at + REASON] as number] as string,
    };
  }
  return rows;
}

/** Each packed row's board key, in row order, through `keyOf` (the packer's, made per series). */
export function rowKeys(packed: PackedRows, keyOf: (series: number) => string): string[] {
  const count = packed.values.length / ROW_STRIDE;
  const keys = new Array<string>(count);
  for (let i = 0; i < count; i += 1)
    keys[i] = keyOf(packed.values[i * ROW_STRIDE + SERIES] as number);
  return keys;
}
