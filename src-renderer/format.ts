/** 3725000 -> "1h 02m 05s": uptime as a trader reads it. */
export function formatDuration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}h ${pad(m)}m ${pad(s)}s` : `${m}m ${pad(s)}s`;
}

/** 1515560100000 -> "2018-01-10 05:55 UTC": feed times, which are virtual in replay. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Coarse age for tables: "2d 4h", "40m", "3h 15m" — two units at most, never seconds. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return `${m}m`;
}

/** 1515560100000 -> "01-10 05:55": a table's time column (UTC, the feed's clock). */
export function formatShortUtc(ms: number): string {
  return new Date(ms).toISOString().slice(5, 16).replace('T', ' ');
}

/** One unit only, for a narrow column: "2d", "13h", "40m" (the exact age goes in a tooltip). */
export function formatAgeShort(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes >= 1440) return `${Math.floor(minutes / 1440)}d`;
  if (minutes >= 60) return `${Math.floor(minutes / 60)}h`;
  return `${minutes}m`;
}
