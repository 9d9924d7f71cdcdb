import type { LedgerReader } from '../ledger/ledger-types';
import { rateFromDecimal } from './money';
import type {
  Book,
  CashFlow,
  EquitySample,
  ReportFill,
  ReportRate,
  ReportSource,
  RiskEventRecord,
} from './report-source';

export interface LedgerReportSourceOptions {
  /** Risk rejections, halts and kills (from the audit chain); none when omitted. */
  readonly riskEvents?: (fromMs: number, toMs: number) => readonly RiskEventRecord[];
  /**
   * Mark price of a symbol at an instant (e.g. the close of the last candle before it). When
   * omitted, only the ledger's current marks are known, which fit a period ending now.
   */
  readonly markPrice?: (symbol: string, atMs: number) => string | undefined;
  /** Deposits and withdrawals, when the ledger records them; none when omitted. */
  readonly cashFlows?: (book: Book, fromMs: number, toMs: number) => readonly CashFlow[];
  /** "Now": the ledger's current marks are used only for periods ending at or after this. */
  readonly nowMs?: number;
}

/** Splits "BTC/USDT" into its assets; anything else is refused, naming the fill. */
function assetsOf(symbol: string, fillId: string): { base: string; quote: string } {
  const [base, quote, extra] = symbol.split('/');
  if (
    base === undefined ||
    quote === undefined ||
    extra !== undefined ||
    base === '' ||
    quote === ''
  ) {
    throw new Error(`fill ${fillId}: symbol '${symbol}' is not BASE/QUOTE`);
  }
  return { base, quote };
}

/** A fill's recorded rate, as the optional field of a report fill. */
function withRate(rate: ReportRate | undefined): { quoteRate?: ReportRate } {
  return rate === undefined
    ? {}
    : { quoteRate: { num: rate.num, den: rate.den, via: rate.via, at: rate.at } };
}

/** The rate of `asset` through the one market `asset/currency` at `price` (exact). */
function directRate(asset: string, currency: string, price: string, at: number): ReportRate {
  return { ...rateFromDecimal(price), via: [`${asset}/${currency}`], at };
}

/** The venue part of a book id: 'paper' for the paper book, 'binance' for 'live:binance'. */
function venueOf(book: Book): string {
  return book.startsWith('live:') ? book.slice('live:'.length) : book;
}

/**
 * Reads a report's input from the execution core's ledger. Read-only: it only calls the
 * reader's query methods, so an export can never change the ledger.
 */
export class LedgerReportSource implements ReportSource {
  constructor(
    private readonly ledger: LedgerReader,
    private readonly options: LedgerReportSourceOptions = {},
  ) {}

  accountCurrency(book: Book): string {
    const summary = this.ledger.book(book);
    if (summary === null) throw new Error(`the ledger has no book '${book}'`);
    return summary.quoteAsset;
  }

  fills(book: Book, untilMs: number): readonly ReportFill[] {
    const venue = venueOf(book);
    const rows = this.ledger.fills(book, { to: untilMs });
    const rates = new Map(
      this.ledger.fillRates(book, { to: untilMs }).map((r) => [r.fillId, r] as const),
    );
    // The ledger's order (the order the book made them), not market time: after a rewound
    // replay market time repeats, and FIFO must match lots as the ledger did.
    return rows.map((f) => ({
      id: f.fillId,
      book: f.bookId,
      venue,
      symbol: f.symbol,
      ...assetsOf(f.symbol, f.fillId),
      side: f.side,
      quantity: f.qty,
      price: f.price,
      feeAsset: f.feeAsset,
      feeAmount: f.fee,
      feeValue: f.feeQuote,
      at: f.at,
      clientOrderId: f.clientOrderId,
      ...withRate(rates.get(f.fillId)),
    }));
  }

  equity(book: Book, fromMs: number, toMs: number): readonly EquitySample[] {
    const before = this.ledger.equitySamples(book, { to: fromMs }).at(-1);
    const within = this.ledger.equitySamples(book, { from: fromMs, to: toMs });
    const rows = before === undefined ? within : [before, ...within];
    return rows.map((s) => ({ at: s.at, equity: s.equity }));
  }

  cashFlows(book: Book, fromMs: number, toMs: number): readonly CashFlow[] {
    return this.options.cashFlows?.(book, fromMs, toMs) ?? [];
  }

  riskEvents(_book: Book, fromMs: number, toMs: number): readonly RiskEventRecord[] {
    return this.options.riskEvents?.(fromMs, toMs) ?? [];
  }

  rate(book: Book, asset: string, atMs: number): ReportRate | undefined {
    const currency = this.accountCurrency(book);
    if (this.options.markPrice !== undefined) {
      // Injected marks are per symbol: only a market straight between the two is known.
      const direct = this.options.markPrice(`${asset}/${currency}`, atMs);
      return direct === undefined ? undefined : directRate(asset, currency, direct, atMs);
    }
    if (this.options.nowMs === undefined || atMs < this.options.nowMs) return undefined;
    return this.ledger.currentRate(book, asset) ?? undefined;
  }

  markPrice(book: Book, symbol: string, atMs: number): string | undefined {
    if (this.options.markPrice !== undefined) return this.options.markPrice(symbol, atMs);
    if (this.options.nowMs === undefined || atMs < this.options.nowMs) return undefined;
    const position = this.ledger.positions(book).find((p) => p.symbol === symbol);
    return position?.markPrice ?? undefined;
  }
}
