import type { AuditAnchor } from '../audit/audit-anchor';
import { drawdowns, sharpeRatio, sortinoRatio } from './equity-stats';
import { exposureFraction } from './exposure';
import { FifoMatcher, type FifoResult, unrealizedGain } from './fifo-lots';
import { convertMoney, type Money, parseMoney, sumMoney, ZERO } from './money';
import { parseFill, type ParsedFill } from './parsed-fill';
import { type Pause, yieldToEventLoop } from './pause';
import type {
  ReportNote,
  DayRow,
  OpenPositionRow,
  Report,
  SymbolRow,
  TradeRow,
} from './report-model';
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
  /** The audit chain's head at generation, printed in the report; absent when unknown. */
  readonly auditAnchor?: AuditAnchor;
  /** How many best and worst trades to list. */
  readonly topTrades?: number;
  readonly onProgress?: ReportProgress;
  /** Lets the event loop run (the kill path shares it); called every PAUSE_EVERY fills. */
  readonly pause?: Pause;
}

/** Fills handled between two pauses: a few milliseconds of work. */
const PAUSE_EVERY = 500;

/**
 * Builds every figure of a report from the ledger's read port. Read-only: it never writes to
 * the source, so re-running an export cannot change the ledger. Long inputs are processed in
 * slices with pauses in between, so a big report never stalls the engine's event loop.
 */
export async function buildReport(options: BuildReportOptions): Promise<Report> {
  const pause = options.pause ?? yieldToEventLoop;
  const { source, book, period } = options;
  const progress = options.onProgress ?? ((): void => {});
  const { fromMs, toMs } = period;
  const currency = source.accountCurrency(book);

  progress('reading', 0);
  const rawFills = source.fills(book, toMs);
  const allFills: ParsedFill[] = [];
  const matcher = new FifoMatcher();
  const samples = source.equity(book, fromMs, toMs).map((s, i) => ({
    at: s.at,
    equity: parseMoney(s.equity, `equity sample ${i} at ${s.at}`),
  }));
  const flows = source.cashFlows(book, fromMs, toMs);
  const risk = source.riskEvents(book, fromMs, toMs);
  progress('reading', 1);

  progress('matching', 0);
  for (const [i, raw] of rawFills.entries()) {
    const fill = parseFill(raw, book, currency);
    allFills.push(fill);
    matcher.add(fill);
    if ((i + 1) % PAUSE_EVERY === 0) {
      progress('matching', i / rawFills.length);
      await pause();
    }
  }
  const fifo = matcher.result();
  const inPeriod = (at: number): boolean => at >= fromMs && at < toMs;
  const closedLots = fifo.closed.filter((l) => inPeriod(l.closeFill.at));
  const fills = allFills.filter((f) => inPeriod(f.at));
  await pause();
  const trades = await tradesFromLots(closedLots, pause);
  progress('matching', 1);
  await pause();

  progress('metrics', 0);
  const openPositions = openPositionRows(source, book, currency, fifo.open, toMs);
  // In the order the book made them: after a rewound replay, market time repeats.
  const curve = samples;
  const opening = curve.filter((s) => s.at < fromMs).at(-1);
  const periodCurve = [
    ...(opening === undefined ? [] : [opening]),
    ...curve.filter((s) => inPeriod(s.at)),
  ];
  const days = dayRows(period, trades, fills, periodCurve, flows);
  await pause();
  const returns = days.flatMap((d) => (d.dailyReturn === null ? [] : [d.dailyReturn]));
  const dd = drawdowns(periodCurve, toMs);
  const stats = tradeStats(trades);
  await pause();
  const { best, worst } = bestAndWorst(trades, options.topTrades ?? 5);
  await pause();
  const flowSum = (kind: CashFlow['kind']): Money =>
    sumMoney(
      flows
        .filter((f) => f.kind === kind)
        .map((f, i) => parseMoney(f.amount, `${kind} ${i} at ${f.at}`)),
    );
  const rejections = risk.filter((r) => r.kind === 'rejection');
  const byRule = new Map<string, number>();
  for (const r of rejections) byRule.set(r.rule, (byRule.get(r.rule) ?? 0) + 1);
  const closedLotFees = sumMoney(closedLots.map((l) => l.openFee.plus(l.closeFee)));
  const realizedPnl = sumMoney(closedLots.map((l) => l.gain));
  await pause();
  const fees = sumMoney(fills.map((f) => f.fee));
  const volume = sumMoney(fills.map((f) => f.gross));
  await pause();
  const exposure = exposureFraction(allFills, fromMs, toMs);
  await pause();
  const symbols = symbolRows(trades, fills, openPositions);
  const report: Report = {
    book,
    currency,
    period,
    generatedAt: options.generatedAt,
    auditAnchor: options.auditAnchor ?? null,
    summary: {
      startEquity: periodCurve[0]?.equity ?? null,
      endEquity: periodCurve.at(-1)?.equity ?? null,
      deposits: flowSum('deposit'),
      withdrawals: flowSum('withdrawal'),
      realizedPnl,
      realizedGross: realizedPnl.plus(closedLotFees),
      closedLotFees,
      fees,
      unrealizedPnl: openPositions.some((p) => p.unrealizedPnl === null)
        ? null
        : sumMoney(
            openPositions.flatMap((p) => (p.unrealizedPnl === null ? [] : [p.unrealizedPnl])),
          ),
      fills: fills.length,
      volume,
      ...stats,
      sharpe: sharpeRatio(returns),
      sortino: sortinoRatio(returns),
      returnDays: returns.length,
      maxDrawdown: dd.max,
      longestDrawdownMs: dd.longestMs,
      exposure,
      rejections: rejections.length,
      halts: risk.filter((r) => r.kind === 'halt').length,
      kills: risk.filter((r) => r.kind === 'kill').length,
    },
    symbols,
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
    notes: [
      ...conversionNotes(currency, fills, openPositions),
      ...rewindNotes(
        allFills.map((f) => f.at),
        periodCurve.map((p) => p.at),
      ),
    ],
  };
  progress('metrics', 1);
  return report;
}

/**
 * A rewound replay plays market time again: the book's fills and samples then go back in time.
 * Said once on page 1, so two passes through the same days read as what they are.
 */
function rewindNotes(fillTimes: readonly number[], sampleTimes: readonly number[]): ReportNote[] {
  const backwards = (times: readonly number[]): number =>
    times.reduce((n, at, i) => (i > 0 && at < (times[i - 1] as number) ? n + 1 : n), 0);
  const rewinds = Math.max(backwards(fillTimes), backwards(sampleTimes));
  if (rewinds === 0) return [];
  return [
    {
      text: `The replay was rewound ${rewinds === 1 ? 'once' : `${rewinds} times`} here: some market days were played more than once. Every fill counts once, in the order the book made it (FIFO as the ledger matched it), and the equity curve shows the passes one after the other.`,
    },
  ];
}

function openPositionRows(
  source: ReportSource,
  book: Book,
  currency: string,
  open: FifoResult['open'],
  atMs: number,
): OpenPositionRow[] {
  const rows: OpenPositionRow[] = [];
  for (const [symbol, lots] of [...open].sort(([a], [b]) => a.localeCompare(b))) {
    const quote = lots[0]?.openFill.source.quote ?? currency;
    const markText = source.markPrice(book, symbol, atMs);
    const rate = quote === currency ? null : source.rate(book, quote, atMs);
    // The lots' cost is in the account currency: the mark goes there too, at the period end's
    // rate; without a rate (or a mark) the position is not valued, never guessed.
    const mark =
      markText === undefined || rate === undefined
        ? null
        : rate === null
          ? parseMoney(markText, `mark price of ${symbol}`)
          : convertMoney(
              parseMoney(markText, `mark price of ${symbol}`),
              rate,
              `mark of ${symbol}`,
            );
    rows.push({
      symbol,
      direction: lots[0]?.direction ?? 'long',
      quantity: sumMoney(lots.map((l) => l.quantity)),
      mark,
      unrealizedPnl: mark === null ? null : unrealizedGain(lots, mark),
      endRate: rate ?? null,
    });
  }
  return rows;
}

/**
 * How pairs quoted in another currency were valued: per currency and route, how many fills of
 * the period used the rates recorded with them, and the rate of open positions at the end.
 */
function conversionNotes(
  currency: string,
  fills: readonly ParsedFill[],
  open: readonly OpenPositionRow[],
): ReportNote[] {
  const notes = new Map<string, { asset: string; via: string; fills: number }>();
  for (const f of fills) {
    if (f.rate === null) continue;
    const key = `${f.source.quote}|${f.rate.via.join(',')}`;
    const note = notes.get(key) ?? { asset: f.source.quote, via: f.rate.via.join(', '), fills: 0 };
    note.fills += 1;
    notes.set(key, note);
  }
  const atEnd = open.flatMap((p) =>
    p.endRate === null ? [] : [{ symbol: p.symbol, via: p.endRate.via.join(', ') }],
  );
  return [
    ...[...notes.values()].map((n) => ({
      text: `${n.asset} in ${currency}: ${n.fills} fill${n.fills === 1 ? '' : 's'} valued at the ${n.via} mark of each fill's time, as the ledger recorded it.`,
    })),
    ...atEnd.map((p) => ({
      text: `Open ${p.symbol} valued at the period end through ${p.via}.`,
    })),
  ];
}

function symbolRows(
  trades: readonly TradeRow[],
  fills: readonly ParsedFill[],
  open: readonly OpenPositionRow[],
): SymbolRow[] {
  const rows = new Map<
    string,
    { trades: number; wins: number; realized: Money; fees: Money; volume: Money }
  >();
  const row = (
    symbol: string,
  ): { trades: number; wins: number; realized: Money; fees: Money; volume: Money } => {
    let r = rows.get(symbol);
    if (r === undefined) {
      r = { trades: 0, wins: 0, realized: ZERO, fees: ZERO, volume: ZERO };
      rows.set(symbol, r);
    }
    return r;
  };
  for (const t of trades) {
    const r = row(t.symbol);
    r.trades += 1;
    if (t.pnl.gt(0)) r.wins += 1;
    r.realized = r.realized.plus(t.pnl);
  }
  for (const f of fills) {
    const r = row(f.symbol);
    r.fees = r.fees.plus(f.fee);
    r.volume = r.volume.plus(f.gross);
  }
  for (const p of open) row(p.symbol);
  return [...rows.keys()].sort().map((symbol) => {
    const r = row(symbol);
    return {
      symbol,
      trades: r.trades,
      wins: r.wins,
      realizedPnl: r.realized,
      fees: r.fees,
      volume: r.volume,
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
  // One pass per input into per-day buckets (the period can hold tens of thousands of fills).
  const dayOf = (at: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? Infinity) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const realized = starts.map(() => ZERO);
  const fees = starts.map(() => ZERO);
  const netFlow = starts.map(() => ZERO);
  for (const t of trades) {
    const d = dayOf(t.closedAt);
    realized[d] = (realized[d] ?? ZERO).plus(t.pnl);
  }
  for (const f of fills) {
    const d = dayOf(f.at);
    fees[d] = (fees[d] ?? ZERO).plus(f.fee);
  }
  flows.forEach((f, i) => {
    if (f.at < period.fromMs || f.at >= period.toMs) return;
    const amount = parseMoney(f.amount, `cash flow ${i} at ${f.at}`);
    const d = dayOf(f.at);
    netFlow[d] = (netFlow[d] ?? ZERO).plus(f.kind === 'deposit' ? amount : amount.negated());
  });
  // A day's close is its last sample in the book's order (a day replayed twice: the later pass).
  const closes: Array<Money | null> = starts.map(() => null);
  for (const sample of curve) {
    if (sample.at < period.fromMs || sample.at >= period.toMs) continue;
    closes[dayOf(sample.at)] = sample.equity;
  }
  const rows: DayRow[] = [];
  let prevClose: Money | null =
    curve[0] !== undefined && curve[0].at < period.fromMs ? curve[0].equity : null;
  starts.forEach((start, i) => {
    const close: Money | null = closes[i] ?? prevClose;
    let dailyReturn: number | null = null;
    if (close !== null && prevClose !== null && prevClose.gt(0)) {
      dailyReturn = close
        .minus(prevClose)
        .minus(netFlow[i] ?? ZERO)
        .div(prevClose)
        .toNumber();
    }
    rows.push({
      date: localDate(start, period.timeZone),
      startMs: start,
      realizedPnl: realized[i] ?? ZERO,
      fees: fees[i] ?? ZERO,
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
