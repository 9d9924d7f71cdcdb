import type { Money } from './money';
import { COLORS, PAGE, type Pdf } from './pdf-kit';
import { formatSigned } from './report-format';

export interface Column {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
}

export interface Cell {
  readonly text: string;
  /** Optional color (gains green, losses red). */
  readonly color?: string;
}

/** A PnL figure, signed, green for a gain and red for a loss. */
export const pnlCell = (v: Money | null): Cell => ({
  text: formatSigned(v),
  ...(v === null || v.isZero() ? {} : { color: v.gt(0) ? COLORS.gain : COLORS.loss }),
});

const ROW = 13;
const FONT_SIZE = 7.5;

/** Section heading; starts a new page when less than `needs` points are left. */
export function heading(doc: Pdf, text: string, needs = 60): void {
  if (doc.y + needs > PAGE.bottom) doc.addPage();
  doc.moveDown(0.6);
  doc.font('bold').fontSize(12).fillColor(COLORS.text).text(text, PAGE.margin, doc.y);
  const y = doc.y + 2;
  doc
    .moveTo(PAGE.margin, y)
    .lineTo(PAGE.margin + PAGE.contentWidth, y)
    .lineWidth(0.6)
    .strokeColor(COLORS.rule)
    .stroke();
  doc.y = y + 6;
}

function drawHeader(doc: Pdf, columns: readonly Column[]): void {
  let x = PAGE.margin;
  const y = doc.y;
  doc.rect(PAGE.margin, y - 2, PAGE.contentWidth, ROW).fill(COLORS.band);
  doc.font('bold').fontSize(FONT_SIZE).fillColor(COLORS.muted);
  for (const c of columns) {
    doc.text(c.title, x + 2, y + 1, {
      width: c.width - 4,
      align: c.align ?? 'left',
      lineBreak: false,
    });
    x += c.width;
  }
  doc.y = y + ROW;
}

/** Rows drawn between two pauses of a long table (a few milliseconds of work). */
const ROWS_PER_SLICE = 40;

/**
 * A table that continues on new pages with its header repeated. Cells are single-line and
 * clipped to their column (long ids are cut with an ellipsis by pdfkit). Long tables pause
 * between slices so the event loop (and the kill path on it) keeps running.
 */
export async function table(
  doc: Pdf,
  columns: readonly Column[],
  /** May be lazy (a generator), so formatting a long list is sliced along with drawing. */
  rows: Iterable<readonly Cell[]>,
  pause: () => Promise<void> = async () => {},
): Promise<void> {
  drawHeader(doc, columns);
  let index = -1;
  for (const row of rows) {
    index += 1;
    if (index > 0 && index % ROWS_PER_SLICE === 0) await pause();
    if (doc.y + ROW > PAGE.bottom) {
      doc.addPage();
      drawHeader(doc, columns);
    }
    const y = doc.y;
    if (index % 2 === 1) doc.rect(PAGE.margin, y - 2, PAGE.contentWidth, ROW).fill('#fafbfc');
    let x = PAGE.margin;
    doc.font('regular').fontSize(FONT_SIZE);
    columns.forEach((c, i) => {
      const cell = row[i] ?? { text: '' };
      doc.fillColor(cell.color ?? COLORS.text).text(cell.text, x + 2, y + 1, {
        width: c.width - 4,
        align: c.align ?? 'left',
        lineBreak: false,
        ellipsis: true,
        height: ROW - 2,
      });
      x += c.width;
    });
    doc.y = y + ROW;
  }
  doc.fillColor(COLORS.text);
}

/** Label/value pairs in two columns (the metrics block). */
export function keyValues(doc: Pdf, pairs: ReadonlyArray<readonly [string, Cell]>): void {
  const colWidth = PAGE.contentWidth / 2;
  const rows = Math.ceil(pairs.length / 2);
  const top = doc.y;
  pairs.forEach(([label, value], i) => {
    const col = i < rows ? 0 : 1;
    const row = i < rows ? i : i - rows;
    const x = PAGE.margin + col * colWidth;
    const y = top + row * 15;
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor(COLORS.muted)
      .text(label, x, y, { width: colWidth * 0.55, lineBreak: false });
    doc
      .font('bold')
      .fillColor(value.color ?? COLORS.text)
      .text(value.text, x + colWidth * 0.55, y, {
        width: colWidth * 0.42,
        align: 'right',
        lineBreak: false,
        ellipsis: true,
        height: 12,
      });
  });
  doc.y = top + rows * 15 + 4;
  doc.fillColor(COLORS.text);
}
