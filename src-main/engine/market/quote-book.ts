import type { Quote } from '../../../src-shared/domain/market';
import { FeedDataError } from './feed-errors';
import { Listeners } from './market-feed';

/** A bid/ask as ccxt hands it over (ticker or bidsasks entry), before validation. */
export interface RawQuote {
  readonly bid?: number | undefined;
  readonly ask?: number | undefined;
  readonly bidVolume?: number | undefined;
  readonly askVolume?: number | undefined;
  readonly timestamp?: number | undefined;
}

/**
 * The latest valid bid/ask per symbol of one exchange. A quote with a missing, non-finite or
 * non-positive side, or a crossed book (bid above ask), is refused with a FeedDataError naming
 * it; an older quote never replaces a newer one.
 */
export class QuoteBook {
  private readonly quotes = new Map<string, Quote>();
  private readonly listeners: Listeners<Quote>;

  constructor(
    private readonly exchange: string,
    onError: (error: unknown) => void,
  ) {
    this.listeners = new Listeners(onError);
  }

  /**
   * Records a quote; returns true when it is news: later than the one held, or at the same
   * time with another bid, ask or size. An identical repeat is not news (a frozen exchange is
   * not a fresh market); an older quote never replaces a newer one.
   */
  record(symbol: string, raw: RawQuote, receivedAt: number): boolean {
    const { bid, ask } = raw;
    if (!isPrice(bid) || !isPrice(ask)) {
      // Tickers without a book side (e.g. a miniTicker) are simply not quotes.
      if (bid === undefined && ask === undefined) return false;
      throw new FeedDataError(
        `${this.exchange} ${symbol} quote has no valid bid/ask (${String(bid)} / ${String(ask)})`,
      );
    }
    if (bid > ask) {
      throw new FeedDataError(
        `${this.exchange} ${symbol} quote is crossed: bid ${bid} > ask ${ask}`,
      );
    }
    const at =
      typeof raw.timestamp === 'number' && Number.isFinite(raw.timestamp)
        ? raw.timestamp
        : receivedAt;
    const prev = this.quotes.get(symbol);
    if (prev !== undefined && at < prev.at) return false;
    const quote: Quote = {
      exchange: this.exchange,
      symbol,
      bid,
      ask,
      bidSize: size(raw.bidVolume),
      askSize: size(raw.askVolume),
      at,
    };
    if (
      prev !== undefined &&
      at === prev.at &&
      prev.bid === quote.bid &&
      prev.ask === quote.ask &&
      prev.bidSize === quote.bidSize &&
      prev.askSize === quote.askSize
    ) {
      return false;
    }
    this.quotes.set(symbol, quote);
    this.listeners.emit(quote);
    return true;
  }

  get(symbol: string): Quote | undefined {
    return this.quotes.get(symbol);
  }

  all(): Quote[] {
    return [...this.quotes.values()];
  }

  onQuote(listener: (quote: Quote) => void): () => void {
    return this.listeners.add(listener);
  }
}

function isPrice(v: number | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

function size(v: number | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null;
}
