import { CommandRefusal } from '../../../src-shared/contract/command-refusal';

/**
 * Report periods in the user's IANA time zone. A month or a day starts at local midnight,
 * which is a different UTC instant in winter and summer; all boundaries are computed here.
 */

export interface ReportPeriod {
  /** Inclusive start, epoch ms. */
  readonly fromMs: number;
  /** Exclusive end, epoch ms (clamped to "now" for a period still in progress). */
  readonly toMs: number;
  readonly timeZone: string;
  /** Human label, e.g. "October 2026" or "2026-10-03 – 2026-10-17". */
  readonly label: string;
  /** True when the period has not ended yet and `toMs` is "now". */
  readonly partial: boolean;
}

/**
 * A bad period (malformed, reversed, in the future, unknown zone): the caller's input, shown
 * to the user as is and answered as INVALID_INPUT on `field`.
 */
export class ReportPeriodError extends CommandRefusal {
  constructor(message: string, field: 'period' | 'timeZone' = 'period') {
    super('INVALID_INPUT', message, [{ path: field, message }]);
    this.name = 'ReportPeriodError';
  }
}

/** English month names, January first (report labels, the calendar page). */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Checks an IANA zone name; returns its canonical spelling. */
export function validateTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new ReportPeriodError(
      `unknown time zone '${zone}' (use an IANA name like Europe/Berlin)`,
      'timeZone',
    );
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface LocalParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * The wall-clock date and time of an instant in a zone. Reports ask this for every day of a
 * period, several times a day, and Intl costs microseconds a call: where the zone's offset is
 * known to hold (see steadyOffset) the parts come from the UTC date shifted by it, which is the
 * same wall clock Intl shows (the offset is whole seconds, taken from Intl itself).
 */
export function localParts(ms: number, zone: string): LocalParts {
  const offset = steadyOffset(ms, zone);
  if (offset === null) return intlParts(ms, zone);
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** What Intl says the wall clock of an instant is in a zone (the reference for localParts). */
function intlParts(ms: number, zone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

/** Offset of the zone from UTC at an instant, in ms (local = utc + offset). */
function offsetAt(ms: number, zone: string): number {
  return steadyOffset(ms, zone) ?? intlOffsetAt(ms, zone);
}

function intlOffsetAt(ms: number, zone: string): number {
  const p = intlParts(ms, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const HOUR_MS = 3_600_000;
/**
 * Where the shifted UTC date is the same text as Intl's: four-digit years (Intl writes an
 * era's year before year 1, and Date.UTC maps years below 100 to the 1900s).
 */
const STEADY_FROM_MS = Date.UTC(1000, 0, 2);
const STEADY_TO_MS = Date.UTC(9999, 11, 30);
/** Per zone, each UTC hour's offset (ms), or null where the offset changes within the hour. */
const hourOffsets = new Map<string, Map<number, number | null>>();
/** Hours kept per zone before the cache starts over (a report's span is a few years). */
const MAX_CACHED_HOURS = 200_000;

/**
 * The zone's offset at an instant where it is known without asking Intl again: UTC has none;
 * any other zone's offset is asked at both ends of the instant's UTC hour once, and where the
 * two agree it holds for the whole hour (no zone changes its offset twice within an hour).
 * Null where the hour holds a change (localParts then asks Intl for that instant).
 */
function steadyOffset(ms: number, zone: string): number | null {
  if (!(ms >= STEADY_FROM_MS && ms <= STEADY_TO_MS)) return null;
  if (zone === 'UTC') return 0;
  let hours = hourOffsets.get(zone);
  if (hours === undefined || hours.size >= MAX_CACHED_HOURS) {
    hours = new Map();
    hourOffsets.set(zone, hours);
  }
  const hour = Math.floor(ms / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const start = intlOffsetAt(hour * HOUR_MS, zone);
    // The hour's last second: Intl shows whole seconds, so it covers the hour's last ms.
    offset = start === intlOffsetAt(hour * HOUR_MS + HOUR_MS - 1000, zone) ? start : null;
    hours.set(hour, offset);
  }
  return offset;
}

/**
 * The first instant of a local calendar day. Midnight can be skipped by a DST change in a few
 * zones; then the day starts at the first wall-clock time that exists.
 */
export function startOfLocalDay(year: number, month: number, day: number, zone: string): number {
  const guess = Date.UTC(year, month - 1, day);
  // Two passes settle the offset even when the guess lands on the other side of a DST change.
  let ms = guess - offsetAt(guess, zone);
  ms = guess - offsetAt(ms, zone);
  const p = localParts(ms, zone);
  if (p.day !== day) ms = guess - offsetAt(guess, zone);
  return ms;
}

/** Local calendar date "YYYY-MM-DD" of an instant. */
export function localDate(ms: number, zone: string): string {
  const p = localParts(ms, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Local "YYYY-MM-DD HH:MM" of an instant. */
export function localDateTime(ms: number, zone: string): string {
  const p = localParts(ms, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Start instants of every local day overlapping [fromMs, toMs), in order. */
export function localDayStarts(fromMs: number, toMs: number, zone: string): number[] {
  const starts: number[] = [];
  const first = localParts(fromMs, zone);
  let y = first.year;
  let m = first.month;
  let d = first.day;
  for (;;) {
    const start = startOfLocalDay(y, m, d, zone);
    if (start >= toMs) break;
    starts.push(start);
    const next = new Date(Date.UTC(y, m - 1, d + 1));
    y = next.getUTCFullYear();
    m = next.getUTCMonth() + 1;
    d = next.getUTCDate();
  }
  return starts;
}

/** Which day an instant falls in: the index of the last day start at or before it. */
export function dayIndexOf(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? Infinity) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Local midnight of the 1st of a month and of the month after, in a zone. */
export function monthBounds(
  year: number,
  month: number,
  zone: string,
): { fromMs: number; toMs: number } {
  return {
    fromMs: startOfLocalDay(year, month, 1, zone),
    toMs:
      month === 12
        ? startOfLocalDay(year + 1, 1, 1, zone)
        : startOfLocalDay(year, month + 1, 1, zone),
  };
}

/** `--month YYYY-MM` in a zone. A month that has not started is an error; one in progress ends now. */
export function monthPeriod(month: string, zone: string, nowMs: number): ReportPeriod {
  const tz = validateTimeZone(zone);
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(match?.[1]);
  const mon = Number(match?.[2]);
  if (match === null || mon < 1 || mon > 12 || year < 2000) {
    throw new ReportPeriodError(`malformed month '${month}': expected YYYY-MM, e.g. 2026-10`);
  }
  const { fromMs, toMs: endMs } = monthBounds(year, mon, tz);
  if (fromMs > nowMs) {
    throw new ReportPeriodError(
      `month ${month} is in the future (today is ${localDate(nowMs, tz)} in ${tz})`,
    );
  }
  return finish(fromMs, endMs, tz, `${MONTH_NAMES[mon - 1] ?? month} ${year}`, nowMs);
}

/** `--from YYYY-MM-DD --to YYYY-MM-DD`, both days inclusive, in a zone. */
export function rangePeriod(from: string, to: string, zone: string, nowMs: number): ReportPeriod {
  const tz = validateTimeZone(zone);
  const start = parseDay(from, '--from');
  const end = parseDay(to, '--to');
  const fromMs = startOfLocalDay(start.y, start.m, start.d, tz);
  const next = new Date(Date.UTC(end.y, end.m - 1, end.d + 1));
  const endMs = startOfLocalDay(
    next.getUTCFullYear(),
    next.getUTCMonth() + 1,
    next.getUTCDate(),
    tz,
  );
  if (endMs <= fromMs) throw new ReportPeriodError(`--to ${to} is before --from ${from}`);
  if (fromMs > nowMs) {
    throw new ReportPeriodError(
      `${from} is in the future (today is ${localDate(nowMs, tz)} in ${tz})`,
    );
  }
  return finish(fromMs, endMs, tz, `${from} – ${to}`, nowMs);
}

function finish(
  fromMs: number,
  endMs: number,
  tz: string,
  label: string,
  nowMs: number,
): ReportPeriod {
  const partial = endMs > nowMs;
  return { fromMs, toMs: partial ? nowMs : endMs, timeZone: tz, label, partial };
}

function parseDay(text: string, flag: string): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  const d = Number(match?.[3]);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (match === null || y < 2000 || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new ReportPeriodError(`malformed date for ${flag}: '${text}', expected YYYY-MM-DD`);
  }
  return { y, m, d };
}
