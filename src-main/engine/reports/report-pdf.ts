import { CHART_WIDTH, dailyBars, drawdownChart, equityChart } from './pdf-charts';
import { COLORS, defaultFonts, newPdf, PAGE, pdfBytes, type Pdf, type PdfFonts } from './pdf-kit';
import { heading, keyValues, pnlCell, table } from './pdf-table';
import { titlePage } from './pdf-title-page';
import { tradesSection, tradeTable } from './pdf-trades';
import type { Money } from './money';
import type { Report } from './report-model';
import {
  bookLabel,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMoney,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatRatio,
} from './report-format';
import { DAYS_PER_YEAR } from './equity-stats';
import { calendarPage } from './pdf-calendar';
import { type Pause, yieldToEventLoop } from './pause';

export interface RenderPdfOptions {
  readonly fonts?: PdfFonts;
  readonly onProgress?: (fraction: number) => void;
  /** Yields to the event loop between slices of long tables (default: setImmediate). */
  readonly pause?: Pause;
}

/**
 * Renders a report as a PDF: title page, metrics and risk events, equity/drawdown and daily
 * PnL charts, per-symbol table, open positions, best/worst trades and the full trade list.
 * Pure Node (pdfkit): works in Electron's main process, the headless host and CI alike.
 */
export async function renderReportPdf(
  report: Report,
  options: RenderPdfOptions = {},
): Promise<Buffer> {
  const progress = options.onProgress ?? ((): void => {});
  const pause = options.pause ?? yieldToEventLoop;
  const doc = newPdf(
    `Vigil report ${report.period.label} (${bookLabel(report.book)})`,
    report.generatedAt,
    options.fonts ?? defaultFonts(),
  );
  footerOnEveryPage(doc, report);
  titlePage(doc, report);
  progress(0.2);
  doc.addPage();
  metricsSection(doc, report);
  await riskSection(doc, report, pause);
  progress(0.4);
  await pause();
  doc.addPage();
  chartsSection(doc, report);
  await symbolSection(doc, report, pause);
  for (const calendar of report.calendars) {
    doc.addPage();
    calendarPage(doc, calendar, report.period);
    await pause();
  }
  if (report.calendars.length > 0) doc.addPage();
  progress(0.6);
  await tradesSection(doc, report, pause);
  progress(0.9);
  const bytes = await pdfBytes(doc);
  progress(1);
  return bytes;
}

function metricsSection(doc: Pdf, r: Report): void {
  const s = r.summary;
  const dd = s.maxDrawdown;
  const tz = r.period.timeZone;
  heading(doc, `Metrics (${r.currency})`);
  keyValues(doc, [
    ['Starting equity', { text: formatMoney(s.startEquity) }],
    ['Ending equity', { text: formatMoney(s.endEquity) }],
    ['Deposits', { text: formatMoney(s.deposits) }],
    ['Withdrawals', { text: formatMoney(s.withdrawals) }],
    ['Realized PnL, gross', pnlCell(s.realizedGross)],
    ['Fees of closed lots', { text: formatMoney(s.closedLotFees) }],
    ['Realized PnL, net', pnlCell(s.realizedPnl)],
    ['Unrealized PnL at end', pnlCell(s.unrealizedPnl)],
    ['Fees paid in period', { text: formatMoney(s.fees) }],
    ['Fills / volume', { text: `${s.fills} / ${formatMoney(s.volume)}` }],
    ['Trades (closing fills)', { text: String(s.trades) }],
    ['Wins / losses', { text: `${s.wins} / ${s.losses}` }],
    ['Win rate', { text: formatPercent(s.winRate) }],
    ['Average win', pnlCell(s.averageWin)],
    ['Average loss', pnlCell(s.averageLoss)],
    [
      'Profit factor',
      {
        text:
          s.profitFactor === null
            ? s.wins > 0
              ? '∞ (no losses)'
              : 'n/a'
            : formatRatio(s.profitFactor),
      },
    ],
    ['Expectancy per trade', pnlCell(s.expectancy)],
    [`Sharpe (daily, ×√${DAYS_PER_YEAR})`, { text: formatRatio(s.sharpe) }],
    [`Sortino (daily, ×√${DAYS_PER_YEAR})`, { text: formatRatio(s.sortino) }],
    ['Days with a return', { text: String(s.returnDays) }],
    [
      'Max drawdown',
      {
        text:
          dd === null ? 'n/a' : `${formatMoney(dd.depth)} (${formatPercent(dd.depthFraction, 2)})`,
      },
    ],
    ['Max drawdown peak', { text: dd === null ? 'n/a' : formatDate(dd.peakAt, tz) }],
    ['Max drawdown trough', { text: dd === null ? 'n/a' : formatDate(dd.troughAt, tz) }],
    [
      'Max drawdown duration',
      {
        text:
          dd === null
            ? 'n/a'
            : `${formatDuration(dd.durationMs)}${dd.recoveredAt === null ? ' (open)' : ''}`,
      },
    ],
    ['Longest drawdown', { text: formatDuration(s.longestDrawdownMs) }],
    ['Exposure time', { text: formatPercent(s.exposure) }],
    ['Risk rejections / halts / kills', { text: `${s.rejections} / ${s.halts} / ${s.kills}` }],
  ]);
  doc
    .font('regular')
    .fontSize(7)
    .fillColor(COLORS.muted)
    .text(
      `Sharpe and Sortino use daily returns (local days in ${tz}, net of deposits and withdrawals), risk-free rate 0, annualized with ${DAYS_PER_YEAR} days because crypto trades every day. A trade is one closing fill; its PnL is net of the fees of both sides (FIFO lots). Profit factor = gross wins / gross losses.`,
      PAGE.margin,
      doc.y + 4,
      { width: PAGE.contentWidth },
    );
  doc.fillColor(COLORS.text);
}

async function riskSection(doc: Pdf, r: Report, pause: Pause): Promise<void> {
  heading(doc, 'Risk events');
  const tz = r.period.timeZone;
  if (r.rejectionsByRule.length === 0 && r.halts.length === 0 && r.kills.length === 0) {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text('No risk rejections, halts or kills in this period.', PAGE.margin, doc.y);
    return;
  }
  const cw = PAGE.contentWidth;
  if (r.rejectionsByRule.length > 0) {
    await table(
      doc,
      [
        { title: 'Gate rejections by rule', width: cw * 0.8 },
        { title: 'Count', width: cw * 0.2, align: 'right' },
      ],
      r.rejectionsByRule.map((x) => [{ text: x.rule }, { text: String(x.count) }]),
      pause,
    );
    doc.y += 8;
  }
  const stops = [...r.halts, ...r.kills].sort((a, b) => a.at - b.at);
  if (stops.length > 0) {
    await table(
      doc,
      [
        { title: 'Time', width: cw * 0.2 },
        { title: 'Kind', width: cw * 0.1 },
        { title: 'By', width: cw * 0.22 },
        { title: 'Reason', width: cw * 0.48 },
      ],
      stops.map((e) => [
        { text: formatDateTime(e.at, tz) },
        { text: e.kind },
        { text: e.rule },
        { text: e.reason },
      ]),
      pause,
    );
  }
}

function chartsSection(doc: Pdf, r: Report): void {
  const tz = r.period.timeZone;
  const { fromMs, toMs } = r.period;
  const points = r.equityCurve.map((p) => ({ at: p.at, value: p.equity.toNumber() }));
  const ticks: Array<readonly [number, string]> = [];
  const step = Math.max(1, Math.ceil(r.days.length / 6));
  r.days.forEach((d, i) => {
    if (i % step === 0) ticks.push([(d.startMs - fromMs) / (toMs - fromMs), d.date.slice(5)]);
  });
  heading(doc, 'Equity and drawdown');
  const top = doc.y;
  equityChart(
    doc,
    { x: PAGE.margin, y: top, width: CHART_WIDTH, height: 200 },
    points,
    fromMs,
    toMs,
    ticks,
    r.currency,
  );
  drawdownChart(
    doc,
    { x: PAGE.margin, y: top + 215, width: CHART_WIDTH, height: 110 },
    points,
    fromMs,
    toMs,
    ticks,
  );
  doc.y = top + 340;
  // Up to two months read best per day; longer ranges per local month.
  const monthly = r.days.length > 62;
  heading(doc, `${monthly ? 'Monthly' : 'Daily'} realized PnL (net of fees)`, 180);
  const barsTop = doc.y;
  dailyBars(
    doc,
    { x: PAGE.margin, y: barsTop, width: CHART_WIDTH, height: 150 },
    monthly
      ? monthlyTotals(r)
      : r.days.map((d) => ({ label: d.date.slice(5), value: d.realizedPnl.toNumber() })),
    `${r.currency} per local ${monthly ? 'month' : 'day'} (${tz})`,
  );
  doc.y = barsTop + 160;
}

/** Realized PnL per local month (YYYY-MM), summed exactly before it becomes a bar height. */
function monthlyTotals(r: Report): Array<{ label: string; value: number }> {
  const months = new Map<string, Money>();
  for (const d of r.days) {
    const key = d.date.slice(0, 7);
    const sum = months.get(key);
    months.set(key, sum === undefined ? d.realizedPnl : sum.plus(d.realizedPnl));
  }
  return [...months].map(([label, value]) => ({ label, value: value.toNumber() }));
}

async function symbolSection(doc: Pdf, r: Report, pause: Pause): Promise<void> {
  const cw = PAGE.contentWidth;
  heading(doc, 'Per symbol');
  if (r.symbols.length === 0) {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(COLORS.muted)
      .text('No activity in this period.', PAGE.margin, doc.y);
  } else {
    await table(
      doc,
      [
        { title: 'Symbol', width: cw * 0.16 },
        { title: 'Trades', width: cw * 0.09, align: 'right' },
        { title: 'Win rate', width: cw * 0.11, align: 'right' },
        { title: 'Realized (net)', width: cw * 0.17, align: 'right' },
        { title: 'Fees', width: cw * 0.14, align: 'right' },
        { title: 'Volume', width: cw * 0.17, align: 'right' },
        { title: 'Unrealized', width: cw * 0.16, align: 'right' },
      ],
      r.symbols.map((x) => [
        { text: x.symbol },
        { text: String(x.trades) },
        { text: x.trades === 0 ? '–' : formatPercent(x.wins / x.trades) },
        pnlCell(x.realizedPnl),
        { text: formatMoney(x.fees) },
        { text: formatMoney(x.volume) },
        pnlCell(x.unrealizedPnl),
      ]),
      pause,
    );
  }
  if (r.openPositions.length > 0) {
    heading(doc, 'Open positions at period end');
    await table(
      doc,
      [
        { title: 'Symbol', width: cw * 0.2 },
        { title: 'Side', width: cw * 0.15 },
        { title: 'Quantity', width: cw * 0.2, align: 'right' },
        { title: 'Mark', width: cw * 0.2, align: 'right' },
        { title: 'Unrealized', width: cw * 0.25, align: 'right' },
      ],
      r.openPositions.map((p) => [
        { text: p.symbol },
        { text: p.direction },
        { text: formatQuantity(p.quantity) },
        { text: p.mark === null ? 'no mark known' : formatPrice(p.mark) },
        pnlCell(p.unrealizedPnl),
      ]),
      pause,
    );
  }
  if (r.best.length > 0 || r.worst.length > 0) {
    heading(doc, 'Best and worst trades');
    await tradeTable(doc, r, [...r.best, ...r.worst], pause);
  }
}

/**
 * The book, period and page number at the foot of every page, so a loose page still says what
 * it is. Drawn when each page is added (pages are streamed, so the total is not known yet).
 */
function footerOnEveryPage(doc: Pdf, r: Report): void {
  let page = 0;
  const draw = (): void => {
    page += 1;
    const { x, y } = doc;
    // Writing below the bottom margin must not trigger pdfkit's automatic page break.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(COLORS.muted)
      .text(
        `Vigil · ${r.period.label} · ${bookLabel(r.book)} book · page ${page}`,
        PAGE.margin,
        PAGE.height - PAGE.margin + 8,
        { width: PAGE.contentWidth, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
    doc.fillColor(COLORS.text);
    doc.x = x;
    doc.y = y;
  };
  draw();
  doc.on('pageAdded', draw);
}
