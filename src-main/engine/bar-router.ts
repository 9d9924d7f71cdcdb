import { spreadBps, type BarClosed, type Quote } from '../../src-shared/domain/market';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../src-shared/domain/candle';
import { scannerCandle } from './scanner/scanner-candle';
import type { ScannerCandle } from './scanner/scanner-core';

/** Where closed bars go. Both are optional so each consumer can be started on its own. */
export interface BarConsumers {
  /** The paper venue: one timeframe per symbol (the finest), one exchange per symbol. */
  readonly paper: (symbol: string, candle: Candle, timeframe: Timeframe) => void;
  /** The paper venue and the panic detectors: live best bid/ask of the paper's exchange. */
  readonly paperQuote?: (symbol: string, quote: Quote) => void;
  /** The scanner (worker thread): batches of closed candles, in feed order. */
  readonly scan: (candles: readonly ScannerCandle[]) => Promise<unknown>;
  /** The timeframes the scanner is configured for; other bars are not sent to it. */
  readonly scanTimeframes: ReadonlySet<Timeframe>;
  readonly onError: (error: unknown) => void;
}

/**
 * Routes the market feed's closed bars to the paper venue and the scanner. The paper venue
 * fills against the finest bars of one exchange per symbol (the first seen): two venues'
 * prices for one symbol must never be mixed into one paper book. Scanner work is batched per
 * microtask and sent one batch at a time, so order is kept and the main loop never waits on it.
 */
export class BarRouter {
  private readonly paperSeries = new Map<string, { exchange: string; timeframe: Timeframe }>();
  /** Latest quote per `exchange|symbol`: the scanner's spread gate sees the real spread. */
  private readonly quotes = new Map<string, Quote>();
  private pending: ScannerCandle[] = [];
  private flushScheduled = false;
  private inFlight: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly consumers: BarConsumers) {}

  route(bar: BarClosed): void {
    if (this.stopped) return;
    this.routeToPaper(bar);
    if (!this.consumers.scanTimeframes.has(bar.timeframe)) return;
    this.pending.push({
      ...scannerCandle(bar.exchange, bar.symbol, bar.timeframe, bar.candle),
      ...this.spreadOf(bar.exchange, bar.symbol),
    });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /**
   * A live best bid/ask: kept for the scanner's spread gate, and passed to the paper venue and
   * panic detectors when it comes from the exchange whose bars the paper venue fills against.
   */
  routeQuote(quote: Quote): void {
    if (this.stopped) return;
    this.quotes.set(`${quote.exchange}|${quote.symbol}`, quote);
    const chosen = this.paperSeries.get(quote.symbol);
    if (chosen !== undefined && chosen.exchange !== quote.exchange) return;
    try {
      this.consumers.paperQuote?.(quote.symbol, quote);
    } catch (error) {
      this.consumers.onError(error);
    }
  }

  /** Routes nothing more; a scan still in flight finishes without reporting errors. */
  stop(): void {
    this.stopped = true;
    this.pending = [];
  }

  /**
   * The paper venue's series per symbol, chosen up front from bars that closed before the
   * feed started (the history): one exchange per symbol (the first by name), its finest
   * timeframe. The venue gets those bars, so it has a last price before the first live bar.
   */
  seedPaper(bars: readonly BarClosed[]): void {
    const sorted = [...bars].sort(
      (a, b) =>
        a.symbol.localeCompare(b.symbol) ||
        a.exchange.localeCompare(b.exchange) ||
        TIMEFRAME_MS[a.timeframe] - TIMEFRAME_MS[b.timeframe],
    );
    for (const bar of sorted)
      if (!this.paperSeries.has(bar.symbol))
        this.paperSeries.set(bar.symbol, { exchange: bar.exchange, timeframe: bar.timeframe });
    for (const bar of bars) this.routeToPaper(bar);
  }

  /** The exchange whose prices the paper venue takes for `symbol` (none seen yet: undefined). */
  paperExchangeOf(symbol: string): string | undefined {
    return this.paperSeries.get(symbol)?.exchange;
  }

  /** The series the paper venue fills against, per symbol. */
  paperSeriesOf(): ReadonlyArray<{ symbol: string; exchange: string; timeframe: Timeframe }> {
    return [...this.paperSeries].map(([symbol, s]) => ({ symbol, ...s }));
  }

  /**
   * Runs `task` after every scan already queued and before any bar routed from now on (the
   * scanner's warm-up, and its reset and re-warm after a seek).
   */
  then(task: () => Promise<void>): void {
    if (this.flushScheduled) this.flush();
    this.inFlight = this.inFlight
      .then(() => (this.stopped ? undefined : task()))
      .then(
        () => undefined,
        (error: unknown) => {
          if (!this.stopped) this.consumers.onError(error);
        },
      );
  }

  /** Drops bars routed but not yet sent to the scanner (the replay jumped past them). */
  discardPending(): void {
    this.pending = [];
  }

  /** Settles when every bar routed so far has been scanned (tests and shutdown). */
  drained(): Promise<void> {
    // Bars routed in this synchronous stretch are still waiting for their microtask.
    if (this.flushScheduled) this.flush();
    return this.inFlight;
  }

  private routeToPaper(bar: BarClosed): void {
    const chosen = this.paperSeries.get(bar.symbol);
    if (chosen === undefined) {
      this.paperSeries.set(bar.symbol, { exchange: bar.exchange, timeframe: bar.timeframe });
    } else if (chosen.exchange !== bar.exchange) {
      return;
    } else if (TIMEFRAME_MS[bar.timeframe] < TIMEFRAME_MS[chosen.timeframe]) {
      // A finer series appeared after a coarser one; the paper venue keeps its first series.
      return;
    } else if (bar.timeframe !== chosen.timeframe) {
      return;
    }
    // Gaps are real no-trade intervals: an incomplete aggregated bar is never a fill price.
    if (!bar.complete) return;
    try {
      this.consumers.paper(bar.symbol, bar.candle, bar.timeframe);
    } catch (error) {
      this.consumers.onError(error);
    }
  }

  private spreadOf(exchange: string, symbol: string): { spreadBps?: number } {
    const quote = this.quotes.get(`${exchange}|${symbol}`);
    return quote === undefined ? {} : { spreadBps: spreadBps(quote) };
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.inFlight = this.inFlight
      .then(() => (this.stopped ? undefined : this.consumers.scan(batch)))
      .then(
        () => undefined,
        (error: unknown) => {
          // After stop the worker is being torn down; its rejections are expected.
          if (!this.stopped) this.consumers.onError(error);
        },
      );
  }
}
