import type { Exchange } from 'ccxt';
import type { Timeframe } from '../../../src-shared/domain/candle';
import type { Scheduler } from '../clock';
import { backoffDelay, classifyFeedError, type FeedErrorClass } from './feed-errors';
import type { RawQuote } from './quote-book';

export interface StreamWatcherOptions {
  readonly exchange: Exchange;
  readonly series: ReadonlyArray<{ readonly symbol: string; readonly timeframe: Timeframe }>;
  readonly scheduler: Scheduler;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly banBackoffMs: number;
  readonly random: () => number;
  /** The exchange streamed a candle that opened at `openTime` (so the one before has closed). */
  readonly onCandle: (symbol: string, timeframe: Timeframe, openTime: number) => void;
  readonly onTicker: (symbol: string, price: number, timestamp: number) => void;
  /** A best bid/ask (from the ticker stream, or the book-ticker stream with `bidsAsks`). */
  readonly onQuote: (symbol: string, quote: RawQuote) => void;
  /** Also watch the exchange's book-ticker channel (watchBidsAsks) per symbol. */
  readonly bidsAsks: boolean;
  /** A stream failed; it reconnects by itself after `delayMs`. */
  readonly onStreamError: (problem: FeedErrorClass, attempt: number, delayMs: number) => void;
  /** A stream delivered a message (after a failure: it has recovered). */
  readonly onStreamMessage: () => void;
}

/**
 * ccxt websocket loops (watchOHLCV per series, watchTicker and optionally watchBidsAsks per
 * symbol). Candle streams only *signal*:
 * the feed fetches the sealed candle over REST when a newer candle appears, so a dropped
 * stream can never lose or corrupt a bar — at worst the REST poll at candle close catches up.
 * Each loop reconnects with exponential backoff and jitter; ccxt opens a fresh connection on
 * the next watch call.
 */
export class CcxtStreamWatcher {
  private stopped = false;
  private readonly loops: Array<Promise<void>> = [];
  private readonly cancels = new Set<() => void>();

  constructor(private readonly options: StreamWatcherOptions) {}

  start(): void {
    for (const { symbol, timeframe } of this.options.series) {
      this.loops.push(
        this.loop(async () => {
          const rows = await this.options.exchange.watchOHLCV(symbol, timeframe);
          const latest = rows.at(-1)?.[0];
          if (typeof latest === 'number') this.options.onCandle(symbol, timeframe, latest);
        }),
      );
    }
    for (const symbol of new Set(this.options.series.map((s) => s.symbol))) {
      this.loops.push(
        this.loop(async () => {
          const ticker = await this.options.exchange.watchTicker(symbol);
          if (typeof ticker.last === 'number' && typeof ticker.timestamp === 'number') {
            this.options.onTicker(symbol, ticker.last, ticker.timestamp);
          }
          this.options.onQuote(symbol, ticker);
        }),
      );
      if (this.options.bidsAsks) {
        this.loops.push(
          this.loop(async () => {
            const book = await this.options.exchange.watchBidsAsks([symbol]);
            const quote = book[symbol];
            if (quote !== undefined) this.options.onQuote(symbol, quote);
          }),
        );
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const cancel of this.cancels) cancel();
    await this.options.exchange.close();
    await Promise.allSettled(this.loops);
  }

  private async loop(watchOnce: () => Promise<void>): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await watchOnce();
        if (this.stopped) return;
        failures = 0;
        this.options.onStreamMessage();
      } catch (error) {
        if (this.stopped) return;
        failures += 1;
        const o = this.options;
        const problem = classifyFeedError(error, o.banBackoffMs);
        const delay = Math.max(
          problem.minDelayMs,
          backoffDelay(failures, o.backoffBaseMs, o.backoffMaxMs, o.random),
        );
        o.onStreamError(problem, failures, delay);
        await this.wait(delay);
      }
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.options.scheduler.every(Math.max(1, ms), () => {
        cancel();
        this.cancels.delete(done);
        resolve();
      });
      const done = (): void => {
        cancel();
        resolve();
      };
      this.cancels.add(done);
    });
  }
}
