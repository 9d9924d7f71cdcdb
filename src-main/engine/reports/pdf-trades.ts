import { COLORS, PAGE, type Pdf } from './pdf-kit';
import { type Cell, heading, pnlCell, table } from './pdf-table';
import type { Pause } from './pause';
import type { Report, TradeRow } from './report-model';
import { formatDateTime, formatMoney, formatPrice, formatQuantity } from './report-format';

/** The full trade list, or a line saying there were none. */
export async function tradesSection(doc: Pdf, r: Report, pause: Pause): Promise<void> {
  heading(doc, `All trades (${r.trades.length})`);
  if (r.trades.length === 0) {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text('There were no trades in this period.', PAGE.margin, doc.y, {
        width: PAGE.contentWidth,
      });
    return;
  }
  await tradeTable(doc, r, r.trades, pause);
}

/** Trades as a table, one row each (closing time, market, side, size, prices, fees, PnL). */
export async function tradeTable(
  doc: Pdf,
  r: Report,
  trades: readonly TradeRow[],
  pause: Pause,
): Promise<void> {
  const cw = PAGE.contentWidth;
  const tz = r.period.timeZone;
  await table(
    doc,
    [
      { title: 'Closed', width: cw * 0.15 },
      { title: 'Symbol', width: cw * 0.12 },
      { title: 'Side', width: cw * 0.07 },
      { title: 'Quantity', width: cw * 0.12, align: 'right' },
      { title: 'Entry', width: cw * 0.13, align: 'right' },
      { title: 'Exit', width: cw * 0.13, align: 'right' },
      { title: 'Fees', width: cw * 0.1, align: 'right' },
      { title: 'PnL (net)', width: cw * 0.18, align: 'right' },
    ],
    tradeCells(trades, tz),
    pause,
  );
}

/** Trade rows, formatted one at a time as the table draws them (dates and decimals cost). */
function* tradeCells(trades: readonly TradeRow[], tz: string): Generator<readonly Cell[]> {
  for (const t of trades) {
    yield [
      { text: formatDateTime(t.closedAt, tz) },
      { text: t.symbol },
      { text: t.direction },
      { text: formatQuantity(t.quantity) },
      { text: formatPrice(t.entryPrice) },
      { text: formatPrice(t.exitPrice) },
      { text: formatMoney(t.fees) },
      pnlCell(t.pnl),
    ];
  }
}
