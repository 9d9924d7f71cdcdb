import type { MemoryBookData } from './memory-report-source';
import type { ReportPeriod } from './report-period';
import type { Book, ReportRate, ReportSource } from './report-source';

/**
 * Everything a report of `book` over `period` reads, copied out of the source as plain data
 * (structured-clone safe), so the heavy work can run in a worker thread away from the engine's
 * event loop. Marks are taken at the period end for every symbol the book ever traded, and so
 * are the rates of the other currencies its pairs are quoted in.
 */
export function snapshotSource(
  source: ReportSource,
  book: Book,
  period: ReportPeriod,
): MemoryBookData {
  const fills = source.fills(book, period.toMs);
  const marks: Record<string, ReadonlyArray<readonly [number, string]>> = {};
  for (const symbol of new Set(fills.map((f) => f.symbol))) {
    const price = source.markPrice(book, symbol, period.toMs);
    if (price !== undefined) marks[symbol] = [[period.toMs, price]];
  }
  const currency = source.accountCurrency(book);
  // Open positions quoted in another currency are valued through that currency's rate then.
  const rates: Record<string, ReportRate> = {};
  for (const asset of new Set(fills.map((f) => f.quote))) {
    if (asset === currency) continue;
    const rate = source.rate(book, asset, period.toMs);
    if (rate !== undefined) rates[asset] = rate;
  }
  return {
    currency,
    rates,
    fills,
    equity: source.equity(book, period.fromMs, period.toMs),
    cashFlows: source.cashFlows(book, period.fromMs, period.toMs),
    riskEvents: source.riskEvents(book, period.fromMs, period.toMs),
    marks,
  };
}
