import type { Exchange } from 'ccxt';
import type { LastTrade, Quote } from '../../../src-shared/domain/market';
import type { Clock } from '../clock';
import { FeedDataError } from './feed-errors';
import { Listeners } from './market-feed';
import { QuoteBook, type RawQuote } from './quote-book';

export interface FeedPricesOptions {
  readonly exchangeId: string;
  readonly exchange: Pick<Exchange, 'fetchTicker'>;
  readonly clock: Clock;
  /** A price that moved the market on: the feed's health counts it as an update. */
  readonly markUpdate: () => void;
  /** True once the feed stopped: what arrives after that goes nowhere. */
  readonly stopped: () => boolean;
  readonly onError: (error: unknown) => void;
}

/**
 * The latest traded price and best bid/ask of each symbol a live feed serves, from its REST
 * ticker polls or its streams. A ticker without a valid price or timestamp is refused (the
 * feed's failure path reports it); a bad quote is reported and dropped, never stopping candles.
 */
export class FeedPrices {
  private readonly lastTicker = new Map<string, { price: number; timestamp: number }>();
  private readonly quotes: QuoteBook;
  private readonly trades: Listeners<LastTrade>;

  constructor(private readonly options: FeedPricesOptions) {
    this.quotes = new QuoteBook(options.exchangeId, options.onError);
    this.trades = new Listeners(options.onError);
  }

  /** Last traded price seen, with the exchange's timestamp. */
  ticker(symbol: string): { price: number; timestamp: number } | undefined {
    return this.lastTicker.get(symbol);
  }

  /** The latest best bid/ask of a symbol (from tickers or the book-ticker stream). */
  quote(symbol: string): Quote | undefined {
    return this.quotes.get(symbol);
  }

  quoteList(): Quote[] {
    return this.quotes.all();
  }

  onQuote(listener: (quote: Quote) => void): () => void {
    return this.quotes.onQuote(listener);
  }

  /** Every new last traded price (a later one, or another price at the same time). */
  onLastTrade(listener: (trade: LastTrade) => void): () => void {
    return this.trades.add(listener);
  }

  /** Fetches one ticker and returns the exchange's time; an advancing one is a market update. */
  async fetchTicker(symbol: string): Promise<number> {
    const t = await this.options.exchange.fetchTicker(symbol);
    this.recordQuote(symbol, t);
    const price = t.last;
    const timestamp = t.timestamp;
    if (typeof price !== 'number' || !Number.isFinite(price) || price <= 0) {
      throw new FeedDataError(`${symbol} ticker has no valid last price (${String(price)})`);
    }
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
      throw new FeedDataError(`${symbol} ticker has no valid timestamp`);
    }
    this.recordTicker(symbol, price, timestamp);
    return timestamp;
  }

  /** A bad quote is reported and dropped; it never stops the candles. */
  recordQuote(symbol: string, raw: RawQuote): void {
    if (this.options.stopped()) return;
    try {
      if (this.quotes.record(symbol, raw, this.options.clock.now())) this.options.markUpdate();
    } catch (error) {
      this.options.onError(error);
    }
  }

  recordTicker(symbol: string, price: number, timestamp: number): void {
    if (this.options.stopped()) return;
    const prev = this.lastTicker.get(symbol);
    if (prev !== undefined && timestamp < prev.timestamp) return; // a late, older tick
    this.lastTicker.set(symbol, { price, timestamp });
    if (prev === undefined || timestamp > prev.timestamp) this.options.markUpdate();
    if (prev === undefined || timestamp > prev.timestamp || price !== prev.price)
      this.trades.emit({ exchange: this.options.exchangeId, symbol, price, at: timestamp });
  }
}
