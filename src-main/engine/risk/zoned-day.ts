const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    // Throws RangeError for an unknown zone: a bad zone must never silently become UTC.
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar day ("2026-03-29") that instant `ms` falls on in `timeZone`. Uses the IANA
 * rules of the runtime, so DST days of 23 or 25 hours are counted as one day each.
 */
export function zonedDayKey(ms: number, timeZone: string): string {
  if (!Number.isFinite(ms)) throw new Error(`zonedDayKey: time must be finite, got ${ms}`);
  return formatter(timeZone).format(ms);
}
