import { rateAt } from '../ledger/fill-rates';
import { priceOf } from '../ledger/money';
import type {
  Book,
  CashFlow,
  EquitySample,
  ReportFill,
  ReportSource,
  ReportRate,
  RiskEventRecord,
} from './report-source';

export interface MemoryBookData {
  readonly currency: string;
  readonly fills: readonly ReportFill[];
  readonly equity: readonly EquitySample[];
  readonly cashFlows?: readonly CashFlow[];
  readonly riskEvents?: readonly RiskEventRecord[];
  /** Mark prices by symbol as time-ordered [at, price] pairs. */
  readonly marks?: Readonly<Record<string, ReadonlyArray<readonly [number, string]>>>;
  /** Rates into the currency known at one instant (a snapshot's period end), by asset. */
  readonly rates?: Readonly<Record<string, ReportRate>>;
}

/**
 * A ReportSource over plain arrays: used by tests, the benchmark, and any caller that has the
 * ledger's rows in hand already. Same semantics as the port documents.
 */
export class MemoryReportSource implements ReportSource {
  constructor(private readonly books: Readonly<Record<string, MemoryBookData>>) {}

  private book(book: Book): MemoryBookData {
    const data = this.books[book];
    if (data === undefined) throw new Error(`the ${book} book has no ledger data`);
    return data;
  }

  accountCurrency(book: Book): string {
    return this.book(book).currency;
  }

  fills(book: Book, untilMs: number): readonly ReportFill[] {
    return this.book(book).fills.filter((f) => f.at < untilMs);
  }

  equity(book: Book, fromMs: number, toMs: number): readonly EquitySample[] {
    const all = this.book(book).equity;
    const before = all.filter((s) => s.at < fromMs).at(-1);
    const within = all.filter((s) => s.at >= fromMs && s.at < toMs);
    return before === undefined ? within : [before, ...within];
  }

  cashFlows(book: Book, fromMs: number, toMs: number): readonly CashFlow[] {
    return (this.book(book).cashFlows ?? []).filter((f) => f.at >= fromMs && f.at < toMs);
  }

  riskEvents(book: Book, fromMs: number, toMs: number): readonly RiskEventRecord[] {
    return (this.book(book).riskEvents ?? []).filter((r) => r.at >= fromMs && r.at < toMs);
  }

  markPrice(book: Book, symbol: string, atMs: number): string | undefined {
    const series = this.book(book).marks?.[symbol] ?? [];
    return series.filter(([at]) => at <= atMs).at(-1)?.[1];
  }

  rate(book: Book, asset: string, atMs: number): ReportRate | undefined {
    const given = this.book(book).rates?.[asset];
    if (given !== undefined && given.at <= atMs) return given;
    const marks = new Map<string, bigint>();
    for (const symbol of Object.keys(this.book(book).marks ?? {})) {
      const price = this.markPrice(book, symbol, atMs);
      if (price !== undefined) marks.set(symbol, priceOf(price, `mark ${symbol}`));
    }
    return rateAt(asset, this.accountCurrency(book), marks, atMs) ?? undefined;
  }
}
