import type { PnlCalendar, PnlDay } from '../../src-shared/contract/journal';

/** A calendar cell's tone: gains and losses in a blue/orange pair colour-blind eyes tell apart. */
export type DayTone = 'up' | 'down' | 'flat' | 'none';

/** How strongly a day is coloured: 1-3 by its share of the month's largest day. */
export function dayShade(
  day: PnlDay,
  calendar: PnlCalendar,
): { tone: DayTone; level: 0 | 1 | 2 | 3 } {
  if (day.trades === 0) return { tone: 'none', level: 0 };
  const value = Number(day.netPnl);
  if (value === 0) return { tone: 'flat', level: 0 };
  const largest = Math.max(...calendar.days.map((d) => Math.abs(Number(d.netPnl))));
  const share = largest === 0 ? 0 : Math.abs(value) / largest;
  return { tone: value > 0 ? 'up' : 'down', level: share > 2 / 3 ? 3 : share > 1 / 3 ? 2 : 1 };
}

/** Blank cells before the 1st so the grid's columns run Monday to Sunday. */
export function leadingBlanks(firstDate: string): number {
  const [y, m, d] = firstDate.split('-').map(Number);
  const weekday = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return (weekday + 6) % 7;
}

/** "2018-05" moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 1970) * 12 + ((m ?? 1) - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "May 2018". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)).toLocaleString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "05-19 14:00" in the journal's zone (the risk limits' trading day). */
export function zonedShort(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** Tags typed as "breakout, a-plus late" -> ['breakout', 'a-plus', 'late']. */
export function parseTags(text: string): string[] {
  return text.split(/[\s,]+/).filter((t) => t !== '');
}
