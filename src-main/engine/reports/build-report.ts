import { drawdowns, sharpeRatio, sortinoRatio } from './equity-stats';
import { exposureFraction } from './exposure';
import { matchFifo, unrealizedGain } from './fifo-lots';
import { type Money, parseMoney, sumMoney, ZERO } from './money';
import { parseFill, type ParsedFill } from './parsed-fill';
import type { DayRow, OpenPositionRow, Report, SymbolRow, TradeRow } from './report-model';
import { localDate, localDayStarts, type ReportPeriod } from './report-period';
import type { Book, CashFlow, ReportSource } from './report-source';
import { bestAndWorst, tradeStats, tradesFromLots } from './trade-stats';

/** Progress of a report export, 0..1 per stage; the UI shows it. */
export type ReportProgress = (stage: string, fraction: number) => void;

export interface BuildReportOptions {
  readonly source: ReportSource;
  readonly book: Book;
  readonly period: ReportPeriod;
  readonly generatedAt: number;
  /** How many best and worst trades to list. */
  readonly topTrades?: number;
  readonly onProgress?: ReportProgress;
}

/**
 * Builds every figure of a report from the ledger's read port. Read-only: it never writes to
 * the source, so re-running an export cannot change the ledger.
 */
export function buildReport(options: BuildReportOptions): Report {
  const { source, book, period } = options;
  const progress = options.onProgress ?? ((): void => {});
  const { fromMs, toMs } = period;
  const currency = source.accountCurrency(book);

  progress('reading', 0);
  const allFills = source.fills(book, toMs).map((f) => parseFill(f, book, currency));
  const samples = source.equity(book, fromMs, toMs).map((s, i) => ({
    at: s.at,
    equity: parseMoney(s.equity, `equity sample ${i} at ${s.at}`),
  }));
  const flows = source.cashFlows(book, fromMs, toMs);
  const risk = source.riskEvents(book, fromMs, toMs);
  progress('reading', 1);

  progress('matching', 0);
  const fifo = matchFifo(allFills);
  const inPeriod = (at: number): boolean => at >= fromMs && at < toMs;
  const closedLots = fifo.closed.filter((l) => inPeriod(l.closeFill.at));
  const fills = allFills.filter((f) => inPeriod(f.at));
  const trades = tradesFromLots(closedLots);
  progress('matching', 1);

  progress('metrics', 0);
  const openPositions = openPositionRows(source, book, fifo.open, toMs);
  const curve = [...samples].sort((a, b) => a.at - b.at);
  const opening = curve.filter((s) => s.at < fromMs).at(-1);
  const periodCurve = [...(opening === undefined ? [] : [opening]), ...curve.filter((s) => inPeriod(s.at))];
  const days = dayRows(period, trades, fills, periodCurve, flows);
  const returns = days.flatMap((d) => (d.dailyReturn === null ? [] : [d.dailyReturn]));
  const dd = drawdowns(periodCurve, toMs);
  const stats = tradeStats(trades);
  const { best, worst } = bestAndWorst(trades, options.topTrades ?? 5);
  const flowSum = (kind: CashFlow['kind']): Money =>
    sumMoney(
      flows.filter((f) => f.kind === kind).map((f, i) => parseMoney(f.amount, `${kind} ${i} at ${f.at}`)),
    );
  const rejections = risk.filter((r) => r.kind === 'rejection');
  const byRule = new Map<string, number>();
  for (const r of rejections) byRule.set(r.rule, (byRule.get(r.rule) ?? 0) + 1);
  const closedLotFees = sumMoney(closedLots.map((l) => l.openFee.plus(l.closeFee)));
  const realizedPnl = sumMoney(closedLots.map((l) => l.gain));
  const report: Report = {
    book,
    currency,
    period,
    generatedAt: options.generatedAt,
    summary: {
      startEquity: periodCurve[0]?.equity ?? null,
      endEquity: periodCurve.at(-1)?.equity ?? null,
      deposits: flowSum('deposit'),
      withdrawals: flowSum('withdrawal'),
      realizedPnl,
      realizedGross: realizedPnl.plus(closedLotFees),
      closedLotFees,
      fees: sumMoney(fills.map((f) => f.fee)),
      unrealizedPnl: openPositions.some((p) => p.unrealizedPnl === null)
        ? null
        : sumMoney(openPositions.flatMap((p) => (p.unrealizedPnl === null ? [] : [p.unrealizedPnl]))),
      fills: fills.length,
      volume: sumMoney(fills.map((f) => f.gross)),
      ...stats,
      sharpe: sharpeRatio(returns),
      sortino: sortinoRatio(returns),
      returnDays: returns.length,
      maxDrawdown: dd.max,
      longestDrawdownMs: dd.longestMs,
      exposure: exposureFraction(allFills, fromMs, toMs),
      rejections: rejections.length,
      halts: risk.filter((r) => r.kind === 'halt').length,
      kills: risk.filter((r) => r.kind === 'kill').length,
    },
    symbols: symbolRows(trades, fills, openPositions),
    trades,
    best,
    worst,
    closedLots,
    fills,
    openPositions,
    equityCurve: periodCurve,
    days,
    cashFlows: flows,
    rejectionsByRule: [...byRule]
      .map(([rule, count]) => ({ rule, count }))
      .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule)),
    halts: risk.filter((r) => r.kind === 'halt'),
    kills: risk.filter((r) => r.kind === 'kill'),
  };
  progress('metrics', 1);
  return report;
}

function openPositionRows(
  source: ReportSource,
  book: Book,
  open: ReturnType<typeof matchFifo>['open'],
  atMs: number,
): OpenPositionRow[] {
  const rows: OpenPositionRow[] = [];
  for (const [symbol, lots] of [...open].sort(([a], [b]) => a.localeCompare(b))) {
    const markText = source.markPrice(book, symbol, atMs);
    const mark = markText === undefined ? null : parseMoney(markText, `mark price of ${symbol}`);
    rows.push({
      symbol,
      direction: lots[0]?.direction ?? 'long',
      quantity: sumMoney(lots.map((l) => l.quantity)),
      mark,
      unrealizedPnl: mark === null ? null : unrealizedGain(lots, mark),
    });
  }
  return rows;
}

function symbolRows(
  trades: readonly TradeRow[],
  fills: readonly ParsedFill[],
  open: readonly OpenPositionRow[],
): SymbolRow[] {
  const symbols = new Set([...trades.map((t) => t.symbol), ...fills.map((f) => f.symbol), ...open.map((p) => p.symbol)]);
  return [...symbols].sort().map((symbol) => {
    const own = trades.filter((t) => t.symbol === symbol);
    const ownFills = fills.filter((f) => f.symbol === symbol);
    return {
      symbol,
      trades: own.length,
      wins: own.filter((t) => t.pnl.gt(0)).length,
      realizedPnl: sumMoney(own.map((t) => t.pnl)),
      fees: sumMoney(ownFills.map((f) => f.fee)),
      volume: sumMoney(ownFills.map((f) => f.gross)),
      unrealizedPnl: unrealizedOf(open, symbol),
    };
  });
}

/**
 * One row per local day. The daily return compares the day's closing equity with the
 * previous close, after taking out that day's deposits and withdrawals.
 */
function dayRows(
  period: ReportPeriod,
  trades: readonly TradeRow[],
  fills: readonly ParsedFill[],
  curve: ReadonlyArray<{ at: number; equity: Money }>,
  flows: readonly CashFlow[],
): DayRow[] {
  const starts = localDayStarts(period.fromMs, period.toMs, period.timeZone);
  const rows: DayRow[] = [];
  let prevClose: Money | null = curve[0] !== undefined && curve[0].at < period.fromMs ? curve[0].equity : null;
  let sampleIdx = 0;
  let lastEquity: Money | null = null;
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? period.toMs;
    while (sampleIdx < curve.length && (curve[sampleIdx]?.at ?? Infinity) < end) {
      lastEquity = curve[sampleIdx]?.equity ?? lastEquity;
      sampleIdx += 1;
    }
    const within = (at: number): boolean => at >= start && at < end;
    const netFlow = sumMoney(
      flows
        .filter((f) => within(f.at))
        .map((f) => {
          const amount = parseMoney(f.amount, `cash flow at ${f.at}`);
          return f.kind === 'deposit' ? amount : amount.negated();
        }),
    );
    const close: Money | null = lastEquity;
    let dailyReturn: number | null = null;
    if (close !== null && prevClose !== null && prevClose.gt(0)) {
      dailyReturn = close.minus(prevClose).minus(netFlow).div(prevClose).toNumber();
    }
    rows.push({
      date: localDate(start, period.timeZone),
      startMs: start,
      realizedPnl: sumMoney(trades.filter((t) => within(t.closedAt)).map((t) => t.pnl)),
      fees: sumMoney(fills.filter((f) => within(f.at)).map((f) => f.fee)),
      closingEquity: close,
      dailyReturn,
    });
    if (close !== null) prevClose = close;
  });
  return rows;
}

/** A symbol without an open position has zero unrealized PnL; one without a mark has null. */
function unrealizedOf(open: readonly OpenPositionRow[], symbol: string): Money | null {
  const row = open.find((p) => p.symbol === symbol);
  return row === undefined ? ZERO : row.unrealizedPnl;
}
