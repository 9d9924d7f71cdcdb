import { anchorText, type AuditAnchor } from '../audit/audit-anchor';
import { COLORS, PAGE, type Pdf } from './pdf-kit';
import { type Cell, pnlCell } from './pdf-table';
import type { Report } from './report-model';
import { bookLabel, formatDateTime, formatMoney, formatPercent } from './report-format';

/**
 * Page 1 of a report: the period, the book's badge (PAPER or LIVE), the figures at a glance,
 * and what a reader must know to trust them (the audit anchor, rate sources, missing marks).
 */
export function titlePage(doc: Pdf, r: Report): void {
  const s = r.summary;
  const live = r.book.startsWith('live:');
  doc
    .font('bold')
    .fontSize(28)
    .fillColor(COLORS.text)
    .text('Vigil trading report', PAGE.margin, 150);
  doc.moveDown(0.3).font('regular').fontSize(18).text(r.period.label);
  doc.moveDown(0.8);
  const badgeY = doc.y;
  const badge = `${bookLabel(r.book)} BOOK`;
  doc.font('bold').fontSize(14);
  const badgeWidth = doc.widthOfString(badge) + 24;
  doc.roundedRect(PAGE.margin, badgeY, badgeWidth, 26, 4).fill(live ? COLORS.live : COLORS.paper);
  doc.fillColor('#ffffff').text(badge, PAGE.margin + 12, badgeY + 6, { lineBreak: false });
  doc.y = badgeY + 40;
  const tz = r.period.timeZone;
  const lines = [
    `Period: ${formatDateTime(r.period.fromMs, tz)} to ${formatDateTime(r.period.toMs, tz)} (${tz})${r.period.partial ? ' — period still in progress, figures up to now' : ''}`,
    `Account currency: ${r.currency}`,
    `Generated: ${formatDateTime(r.generatedAt, tz)} (${tz})`,
    'Paper and live books are never mixed: this report covers one book only.',
    ...(r.auditAnchor === null ? [] : [auditAnchorLine(r.auditAnchor)]),
  ];
  doc.font('regular').fontSize(10).fillColor(COLORS.muted);
  for (const line of lines)
    doc.text(line, PAGE.margin, doc.y, { width: PAGE.contentWidth }).moveDown(0.2);

  doc.y += 30;
  const tiles: Array<[string, Cell]> = [
    ['Realized PnL (net of fees)', pnlCell(s.realizedPnl)],
    ['Fees paid', { text: formatMoney(s.fees) }],
    ['Unrealized PnL at end', pnlCell(s.unrealizedPnl)],
    ['Trades', { text: String(s.trades) }],
    ['Win rate', { text: formatPercent(s.winRate) }],
    [
      'Max drawdown',
      {
        text: s.maxDrawdown === null ? 'n/a' : `-${formatPercent(s.maxDrawdown.depthFraction, 2)}`,
      },
    ],
  ];
  const tileW = PAGE.contentWidth / 3;
  const top = doc.y;
  tiles.forEach(([label, cell], i) => {
    const x = PAGE.margin + (i % 3) * tileW;
    const y = top + Math.floor(i / 3) * 62;
    doc.rect(x + 3, y, tileW - 6, 54).fill(COLORS.band);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(label, x + 12, y + 9, { width: tileW - 24, lineBreak: false });
    doc
      .font('bold')
      .fontSize(15)
      .fillColor(cell.color ?? COLORS.text)
      .text(cell.text, x + 12, y + 26, {
        width: tileW - 24,
        lineBreak: false,
      });
  });
  doc.y = top + 2 * 62 + 16;
  if (s.trades === 0) {
    doc
      .font('bold')
      .fontSize(13)
      .fillColor(COLORS.text)
      .text('There were no trades in this period.', PAGE.margin, doc.y, {
        width: PAGE.contentWidth,
      });
  }
  if (s.unrealizedPnl === null) {
    doc.moveDown(0.5).font('regular').fontSize(9).fillColor(COLORS.loss).text(
      'Unrealized PnL is not available: no mark price was known at the period end for at least one open position (see Open positions).',
      // From the left margin: the cursor is still where the last tile's figure was written.
      PAGE.margin,
      doc.y,
      { width: PAGE.contentWidth },
    );
  }
  // Where another currency was valued in the report's: the rate source, said on page 1.
  for (const note of r.notes) {
    doc
      .moveDown(0.3)
      .font('regular')
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text(note.text, PAGE.margin, doc.y, { width: PAGE.contentWidth });
  }
  doc.fillColor(COLORS.text);
}

/** Printed so that the report, kept elsewhere, anchors the audit chain up to this row. */
function auditAnchorLine(anchor: AuditAnchor): string {
  return `Audit chain at export: row ${anchor.seq}, sha256 ${anchor.hash}. Check later: vigil audit verify --anchor ${anchorText(anchor)}`;
}
