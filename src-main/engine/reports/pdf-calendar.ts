import type { PnlCalendar } from '../../../src-shared/contract/journal';
import { parseMoney } from './money';
import { COLORS, PAGE, type Pdf } from './pdf-kit';
import { heading } from './pdf-table';
import { formatSigned } from './report-format';
import { localDate, MONTH_NAMES, type ReportPeriod } from './report-period';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** Gains blue, losses orange (told apart by colour-blind readers too), three shades each. */
const GAIN = ['#dbeafe', '#93c5fd', '#3b82f6'];
const LOSS = ['#fde7d4', '#f9b47c', '#e8772e'];

function shadeOf(value: number, largest: number, scale: readonly string[]): string {
  const share = largest === 0 ? 0 : Math.abs(value) / largest;
  return scale[share > 2 / 3 ? 2 : share > 1 / 3 ? 1 : 0] ?? '#ffffff';
}

/**
 * One month of the PnL calendar on its own page: a cell per local day with the signed net PnL
 * of the trades closed that day and how many, shaded by size. Days outside the report's
 * period are greyed.
 */
export function calendarPage(doc: Pdf, calendar: PnlCalendar, period: ReportPeriod): void {
  const [y, m] = calendar.month.split('-').map(Number);
  heading(doc, `PnL calendar: ${MONTH_NAMES[(m ?? 1) - 1] ?? calendar.month} ${y ?? ''}`);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(COLORS.muted)
    .text(
      `Net PnL (${calendar.currency}, after fees) of the trades closed each day, in ${calendar.timeZone}. ` +
        'A trade runs from flat to flat and counts on the day it went flat, as in the cockpit journal ' +
        '(the daily bars count each closing fill on its own day); a position still open at the ' +
        'period end is not in it yet.',
      PAGE.margin,
      doc.y,
      { width: PAGE.contentWidth },
    );
  const cellW = PAGE.contentWidth / 7;
  const cellH = 74;
  let top = doc.y + 10;
  doc.font('bold').fontSize(9).fillColor(COLORS.muted);
  WEEKDAYS.forEach((d, i) =>
    doc.text(d, PAGE.margin + i * cellW, top, { width: cellW, align: 'center', lineBreak: false }),
  );
  top += 14;
  const first = calendar.days[0]?.date ?? `${calendar.month}-01`;
  const [fy, fm, fd] = first.split('-').map(Number);
  const lead = (new Date(Date.UTC(fy ?? 1970, (fm ?? 1) - 1, fd ?? 1)).getUTCDay() + 6) % 7;
  const largest = Math.max(...calendar.days.map((d) => Math.abs(Number(d.netPnl))));
  const fromDay = localDate(period.fromMs, period.timeZone);
  const toDay = localDate(Math.max(period.fromMs, period.toMs - 1), period.timeZone);
  calendar.days.forEach((day, i) => {
    const slot = lead + i;
    const x = PAGE.margin + (slot % 7) * cellW;
    const cy = top + Math.floor(slot / 7) * cellH;
    const inPeriod = day.date >= fromDay && day.date <= toDay;
    const value = Number(day.netPnl);
    const fill = !inPeriod
      ? '#eceef1'
      : day.trades === 0 || value === 0
        ? '#ffffff'
        : shadeOf(value, largest, value > 0 ? GAIN : LOSS);
    doc.rect(x + 1, cy + 1, cellW - 2, cellH - 2).fillAndStroke(fill, COLORS.rule);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(inPeriod ? COLORS.text : COLORS.muted)
      .text(String(Number(day.date.slice(8))), x + 5, cy + 5, { lineBreak: false });
    if (day.trades === 0) return;
    doc
      .font('bold')
      .fontSize(12)
      .fillColor(COLORS.text)
      .text(formatSigned(parseMoney(day.netPnl, day.date)), x + 5, cy + 22, {
        width: cellW - 10,
        lineBreak: false,
      });
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(COLORS.text)
      .text(`${day.trades} trade${day.trades === 1 ? '' : 's'}`, x + 5, cy + 42, {
        lineBreak: false,
      })
      .text(`${day.wins} won · ${day.losses} lost`, x + 5, cy + 54, { lineBreak: false });
  });
  const rows = Math.ceil((lead + calendar.days.length) / 7);
  doc.y = top + rows * cellH + 10;
  doc
    .font('bold')
    .fontSize(10)
    .fillColor(COLORS.text)
    .text(
      `Month: ${calendar.trades} trade${calendar.trades === 1 ? '' : 's'}, net ${formatSigned(parseMoney(calendar.total, 'total'))} ${calendar.currency}`,
      PAGE.margin,
      doc.y,
    );
}
