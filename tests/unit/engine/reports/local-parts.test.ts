import { describe, expect, it, vi } from 'vitest';
import {
  localDate,
  localParts,
  startOfLocalDay,
} from '../../../../src-main/engine/reports/report-period';

// localParts takes the wall clock from a cached offset where it holds: it must be, instant for
// instant, what Intl itself shows, most of all around offset changes.

const HOUR = 3_600_000;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The reference: Intl's own parts for an instant. */
function intl(ms: number, zone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  const format =
    formats.get(zone) ??
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  formats.set(zone, format);
  for (const p of format.formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts;
}

function offsetOf(ms: number, zone: string): number {
  const p = intl(ms, zone);
  return (
    Date.UTC(p.year ?? 0, (p.month ?? 0) - 1, p.day, p.hour, p.minute, p.second) -
    Math.floor(ms / 1000) * 1000
  );
}

/** Zones with DST both ways, half and quarter hours, a 30-minute DST, a skipped day, LMT. */
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
  'Europe/Dublin',
  'Africa/Casablanca',
  'Pacific/Apia',
  'America/Santiago',
  'Africa/Monrovia',
];

/** Instants around each offset change of a zone between two years (found from Intl). */
function changesOf(zone: string, fromYear: number, toYear: number): number[] {
  const found: number[] = [];
  const step = 6 * HOUR;
  let at = Date.UTC(fromYear, 0, 1);
  let before = offsetOf(at, zone);
  for (const end = Date.UTC(toYear, 0, 1); at < end; at += step) {
    const now = offsetOf(at + step, zone);
    if (now !== before) found.push(at);
    before = now;
  }
  return found;
}

function expectSame(ms: number, zone: string): void {
  const want = intl(ms, zone);
  const got = localParts(ms, zone);
  expect({ zone, at: ms, ...got }).toEqual({ zone, at: ms, ...want });
}

describe('localParts: the wall clock Intl shows, from a cached offset', () => {
  it('matches Intl every 5 minutes across every offset change of 1968-1972 and 2018-2028', () => {
    let checked = 0;
    for (const zone of ZONES) {
      for (const window of [changesOf(zone, 1968, 1972), changesOf(zone, 2018, 2028)]) {
        for (const start of window) {
          // The 6 hours the change fell in, 5 minutes apart, and the ms before each.
          for (let ms = start; ms <= start + 6 * HOUR; ms += 300_000) {
            expectSame(ms, zone);
            expectSame(ms - 1, zone);
            checked += 2;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('matches Intl on instants spread over the years, in every zone, asked in any order', () => {
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const from = Date.UTC(1900, 0, 1);
    const span = Date.UTC(2100, 0, 1) - from;
    for (let i = 0; i < 2_000; i += 1) {
      const ms = Math.floor(from + next() * span);
      expectSame(ms, ZONES[i % ZONES.length] as string);
    }
  });

  it('asks Intl at the edges of the years it shifts (an era year, a 1900s-mapped year)', () => {
    for (const ms of [
      Date.UTC(1000, 0, 1, 12),
      Date.UTC(1000, 0, 3),
      Date.UTC(9999, 11, 31),
      Date.UTC(9999, 11, 29, 23, 59, 59),
    ])
      for (const zone of ['UTC', 'Europe/Berlin', 'Asia/Kathmandu']) expectSame(ms, zone);
  });

  it('day starts and dates are the same as from Intl alone (a skipped day, a 25 h day)', () => {
    // Samoa skipped 30 December 2011: the 31st starts 24 h after the 29th.
    const apia29 = startOfLocalDay(2011, 12, 29, 'Pacific/Apia');
    expect(startOfLocalDay(2011, 12, 31, 'Pacific/Apia') - apia29).toBe(24 * HOUR);
    expect(localDate(apia29 + 24 * HOUR, 'Pacific/Apia')).toBe('2011-12-31');
    const dublin = startOfLocalDay(2026, 10, 25, 'Europe/Dublin');
    expect(startOfLocalDay(2026, 10, 26, 'Europe/Dublin') - dublin).toBe(25 * HOUR);
    expect(new Date(dublin).toISOString()).toBe('2026-10-24T23:00:00.000Z');
  });

  it('asks Intl at most twice for each hour it touches, and never in UTC', () => {
    const asked = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      // A month of instants, twelve an hour, in a zone with an offset change inside it.
      const from = Date.UTC(2031, 2, 1);
      const hours = 31 * 24;
      for (let i = 0; i < hours * 12; i += 1) localParts(from + i * 300_000, 'Europe/Berlin');
      expect(asked.mock.calls.length).toBeGreaterThan(0);
      expect(asked.mock.calls.length).toBeLessThanOrEqual(2 * hours + 12);
      asked.mockClear();
      for (let i = 0; i < hours * 12; i += 1) localParts(from + i * 300_000, 'UTC');
      expect(asked.mock.calls.length).toBe(0);
    } finally {
      asked.mockRestore();
    }
  });

  it('refuses an unknown zone as Intl does', () => {
    expect(() => localParts(Date.UTC(2026, 0, 1), 'Mars/Olympus')).toThrow(RangeError);
  });
});
