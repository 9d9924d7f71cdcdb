import { InvalidInputError } from '../../../src-shared/contract/command-refusal';
import type { Candle, Timeframe } from '../../../src-shared/domain/candle';
import type {
  BarClosed,
  FeedStatus,
  LastTrade,
  MarketSeries,
  Quote,
  SeriesKey,
} from '../../../src-shared/domain/market';
import type { MarketSpec } from '../execution/broker';
import type { CcxtFeedOptions } from './ccxt-feed-options';
import { applyMarketList, liveReason, marketSpecsFor } from './ccxt-series-markets';
import { LiveSeries } from './live-series';
import { CcxtStreamWatcher } from './ccxt-stream-watcher';
import {
  backoffDelay,
  classifyFeedError,
  FeedDataError,
  isBadSymbol,
  type FeedErrorClass,
} from './feed-errors';
import { FeedHealth } from './feed-health';
import { backfillSeries, pollSeries, type CandleFetchContext } from './ccxt-candle-fetch';
import { FeedPrices } from './feed-prices';
import {
  Listeners,
  seriesId,
  type CandleWindow,
  type CandleWindowResult,
  type MarketFeed,
} from './market-feed';

export type { CcxtFeedOptions, CcxtSubscription } from './ccxt-feed-options';

/**
 * Live public market data through ccxt: paginated fetchOHLCV backfill, then REST polling
 * aligned to candle close and a ticker poll. Every candle is validated; gaps are reported on
 * the bar, never filled. Failures retry with exponential backoff and jitter; the status says
 * CONNECTING (retrying), LIVE, STALE (no update within the threshold) or DOWN, with a reason.
 * Work runs one step at a time (one request in flight), which also keeps us polite.
 */
export class CcxtFeed implements MarketFeed {
  readonly name: string;
  private readonly state: LiveSeries[];
  private readonly bars: Listeners<BarClosed>;
  private readonly health: FeedHealth;
  private readonly prices: FeedPrices;
  private readonly fetching: CandleFetchContext;
  private marketsCheckedAt = -Infinity;
  private retries = 0;
  private work: Promise<void> = Promise.resolve();
  private cancelTimer: (() => void) | undefined;
  private stopWatchdog: (() => void) | undefined;
  private marketsLoaded = false;
  private failures = 0;
  private nextTickerAt = 0;
  private stopped = false;
  private readonly transport: 'rest' | 'websocket';
  private watcher: CcxtStreamWatcher | undefined;
  /** Why the websocket is not healthy right now (undefined: healthy or not in use). */
  private streamProblem: string | undefined;

  constructor(private readonly options: CcxtFeedOptions) {
    this.name = `ccxt:${options.exchangeId}`;
    this.transport =
      options.transport ?? (options.exchange.has['watchOHLCV'] === true ? 'websocket' : 'rest');
    if (!Number.isInteger(options.backfill) || options.backfill < 1) {
      throw new Error(`${this.name}: backfill must be a positive integer, got ${options.backfill}`);
    }
    this.state = options.subscriptions.map(
      (sub) =>
        new LiveSeries({
          exchange: options.exchangeId,
          symbol: sub.symbol,
          timeframe: sub.timeframe,
        }),
    );
    this.bars = new Listeners(options.onError);
    const ids = this.state.map((s) => s.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) throw new Error(`${this.name}: series ${twice} subscribed twice`);
    this.health = new FeedHealth(
      this.name,
      options.clock,
      options.staleAfterMs ?? 60_000,
      options.onError,
    );
    this.prices = new FeedPrices({
      exchangeId: options.exchangeId,
      exchange: options.exchange,
      clock: options.clock,
      markUpdate: () => this.health.markUpdate(),
      stopped: () => this.stopped,
      onError: options.onError,
    });
    this.fetching = {
      options,
      fetchTicker: (symbol) => this.prices.fetchTicker(symbol),
      accept: (s, candles, emit) => this.accept(s, candles, emit),
      markUpdate: () => this.health.markUpdate(),
    };
  }

  start(): Promise<void> {
    this.stopped = false;
    this.health.set('CONNECTING', `connecting to ${this.options.exchangeId}: loading spot markets`);
    this.stopWatchdog = this.options.scheduler.every(1000, () => {
      if (!this.stopped) this.health.evaluate(this.liveReason(), false);
    });
    this.enqueue();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.stopWatchdog?.();
    await this.watcher?.stop();
    await this.settled();
    this.health.set('DOWN', 'feed stopped');
  }

  /** Resolves when no work is queued or running (tests and orderly shutdown). */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.work;
      await seen;
    } while (seen !== this.work);
  }

  status(): FeedStatus {
    return this.health.status();
  }

  lastUpdateAgeMs(): number | null {
    return this.health.ageMs();
  }

  /** When the last market update arrived, null before the first. */
  lastUpdateAt(): number | null {
    return this.health.lastUpdate();
  }

  /** Last traded price seen by the ticker poll, with the exchange's timestamp. */
  ticker(symbol: string): { price: number; timestamp: number } | undefined {
    return this.prices.ticker(symbol);
  }

  /** The latest best bid/ask of a symbol (from tickers or the book-ticker stream). */
  quote(symbol: string): Quote | undefined {
    return this.prices.quote(symbol);
  }

  quoteList(): Quote[] {
    return this.prices.quoteList();
  }

  /** The exchange's last traded prices, from the ticker stream or poll. */
  onLastTrade(listener: (trade: LastTrade) => void): () => void {
    return this.prices.onLastTrade(listener);
  }

  onQuote(listener: (quote: Quote) => void): () => void {
    return this.prices.onQuote(listener);
  }

  /** Failed requests and dropped streams retried since start. */
  reconnects(): number {
    return this.retries;
  }

  /** Series the exchange refuses or no longer serves, each with its reason. */
  problems(): Array<{ symbol: string; timeframe: Timeframe; problem: string }> {
    return this.state.flatMap((s) =>
      s.problem === undefined
        ? []
        : [{ symbol: s.key.symbol, timeframe: s.key.timeframe, problem: s.problem }],
    );
  }

  /** The exchange's trading rules for each subscribed symbol, once its markets are loaded. */
  marketSpecs(): MarketSpec[] {
    return this.marketsLoaded ? marketSpecsFor(this.options.exchange, this.state) : [];
  }

  series(): MarketSeries[] {
    return this.state.map((s) => s.summary());
  }

  candles(key: SeriesKey, window: CandleWindow): CandleWindowResult {
    const s = this.state.find((x) => x.id === seriesId(key));
    if (s === undefined)
      throw new InvalidInputError(this.name, [
        { path: 'symbol', message: `no series ${seriesId(key)}` },
      ]);
    return s.window(window);
  }

  onBar(listener: (bar: BarClosed) => void): () => void {
    return this.bars.add(listener);
  }

  onStatus(listener: (status: FeedStatus) => void): () => void {
    return this.health.onStatus(listener);
  }

  private enqueue(): void {
    this.work = this.work.then(() => this.cycle());
  }

  private schedule(at: number): void {
    this.cancelTimer?.();
    if (this.stopped) return;
    const delay = Math.max(1, at - this.options.clock.now());
    const cancel = this.options.scheduler.every(delay, () => {
      cancel();
      this.cancelTimer = undefined;
      this.enqueue();
    });
    this.cancelTimer = cancel;
  }

  /** One step: whatever is due (markets, backfill, candle polls, tickers), then reschedule. */
  private async cycle(): Promise<void> {
    if (this.stopped) return;
    try {
      const reloadDue =
        this.options.clock.now() - this.marketsCheckedAt >=
        (this.options.marketsReloadMs ?? 3_600_000);
      if (!this.marketsLoaded || reloadDue)
        await this.checkMarkets(!this.marketsLoaded || reloadDue);
      for (const s of this.state) {
        if (s.unlisted === undefined && s.nextPollAt <= this.options.clock.now()) {
          await this.serviceSeries(s);
        }
      }
      if (this.state.every((s) => s.problem !== undefined)) {
        throw new FeedDataError(this.state.map((s) => s.problem).join('; '));
      }
      // With a healthy stream, ticks come pushed; REST tickers are the fallback.
      const restTickers = this.watcher === undefined || this.streamProblem !== undefined;
      if (restTickers && this.nextTickerAt <= this.options.clock.now()) await this.pollTickers();
      if (this.transport === 'websocket' && this.watcher === undefined) this.startWatcher();
      this.failures = 0;
      this.health.evaluate(this.liveReason(), true);
      this.schedule(Math.min(this.nextTickerAt, ...this.state.map((s) => s.nextPollAt)));
    } catch (error) {
      if (!this.stopped) this.onFailure(error);
    }
  }

  /**
   * Backfills or polls one series. Bad data from the exchange is contained to its series (it
   * is refused, reported in the status reason and retried after the maximum backoff); network
   * trouble propagates, since it concerns the whole venue.
   */
  private async serviceSeries(s: LiveSeries): Promise<void> {
    try {
      if (!s.backfilled) {
        this.health.set('CONNECTING', `backfilling ${seriesId(s.key)}`);
        await backfillSeries(this.fetching, s);
      }
      await pollSeries(this.fetching, s);
      s.problem = undefined;
    } catch (error) {
      if (isBadSymbol(error)) {
        // The exchange refuses the symbol: it may have been delisted. Reload the markets on
        // the next cycle, which says so if it is gone; the other series carry on.
        s.problem = `${this.options.exchangeId} refused ${s.key.symbol}: ${(error as Error).message.slice(0, 200)}`;
        s.nextPollAt = this.options.clock.now() + (this.options.backoffMaxMs ?? 60_000);
        this.marketsCheckedAt = -Infinity;
        return;
      }
      if (!(error instanceof FeedDataError)) throw error;
      s.problem = error.message;
      s.nextPollAt = this.options.clock.now() + (this.options.backoffMaxMs ?? 60_000);
    }
  }

  /**
   * Loads (or reloads, hourly and after a refused symbol) the exchange's spot markets. A
   * subscribed symbol that is no longer listed or trading is reported on its series and sits
   * out; the feed goes on with the rest, and picks the symbol up again if it comes back.
   */
  private async checkMarkets(reload: boolean): Promise<void> {
    await this.options.exchange.loadMarkets(reload && this.marketsLoaded);
    this.marketsCheckedAt = this.options.clock.now();
    applyMarketList(this.options.exchange, this.state);
    this.marketsLoaded = true;
  }

  private onFailure(error: unknown): void {
    this.failures += 1;
    this.retries += 1;
    const o = this.options;
    const cls = classifyFeedError(error, o.banBackoffMs ?? 300_000);
    const max = o.backoffMaxMs ?? 60_000;
    const delay = Math.max(
      cls.minDelayMs,
      cls.retryable
        ? backoffDelay(this.failures, o.backoffBaseMs ?? 1000, max, o.random ?? Math.random)
        : max,
    );
    const retry = `retry ${this.failures} in ${delay} ms`;
    if (cls.down || this.failures >= (o.downAfterFailures ?? 3)) {
      this.health.set('DOWN', `${cls.reason}; ${retry}`);
    } else {
      this.health.set('CONNECTING', `reconnecting after ${cls.reason}; ${retry}`);
    }
    this.schedule(this.options.clock.now() + delay);
  }

  /** Symbols with at least one series the exchange still lists. */
  private listedSymbols(): Set<string> {
    return new Set(this.state.filter((s) => s.unlisted === undefined).map((s) => s.key.symbol));
  }

  private startWatcher(): void {
    const o = this.options;
    this.watcher = new CcxtStreamWatcher({
      exchange: o.exchange,
      series: this.state
        .filter((s) => s.unlisted === undefined)
        .map((s) => ({ symbol: s.key.symbol, timeframe: s.key.timeframe })),
      scheduler: o.scheduler,
      backoffBaseMs: o.backoffBaseMs ?? 1000,
      backoffMaxMs: o.backoffMaxMs ?? 60_000,
      banBackoffMs: o.banBackoffMs ?? 300_000,
      random: o.random ?? Math.random,
      onCandle: (symbol, timeframe, openTime) => this.onStreamCandle(symbol, timeframe, openTime),
      onTicker: (symbol, price, timestamp) => this.prices.recordTicker(symbol, price, timestamp),
      onQuote: (symbol, quote) => this.prices.recordQuote(symbol, quote),
      bidsAsks: o.bookTickerStream === true,
      onStreamError: (problem, attempt, delay) => this.onStreamError(problem, attempt, delay),
      onStreamMessage: () => this.onStreamMessage(),
    });
    this.watcher.start();
  }

  /** A newer candle on the stream means ours closed: fetch it (sealed) over REST now. */
  private onStreamCandle(symbol: string, timeframe: Timeframe, openTime: number): void {
    const s = this.state.find((x) => x.key.symbol === symbol && x.key.timeframe === timeframe);
    const last = s?.candles.at(-1)?.openTime;
    if (s === undefined || this.stopped) return;
    if (last === undefined || openTime - s.tfMs > last) {
      s.nextPollAt = Math.min(s.nextPollAt, this.options.clock.now());
      this.enqueue();
    }
  }

  private onStreamError(problem: FeedErrorClass, attempt: number, delay: number): void {
    this.retries += 1;
    this.streamProblem = `${problem.reason}; retry ${attempt} in ${delay} ms`;
    if (this.health.status().state === 'LIVE') this.health.set('LIVE', this.liveReason());
  }

  private onStreamMessage(): void {
    if (this.streamProblem === undefined) return;
    this.streamProblem = undefined;
    if (this.health.status().state === 'LIVE') this.health.set('LIVE', this.liveReason());
  }

  private liveReason(): string {
    return liveReason(this.transport, this.state, this.streamProblem);
  }

  private async pollTickers(): Promise<void> {
    for (const symbol of this.listedSymbols()) await this.prices.fetchTicker(symbol);
    this.nextTickerAt = this.options.clock.now() + (this.options.tickerIntervalMs ?? 10_000);
  }

  /** Takes valid candles into the series, stores them, emits live closes; then refuses. */
  private accept(s: LiveSeries, candles: readonly Candle[], emit: boolean): void {
    if (this.stopped) return; // a response that lands after stop() goes nowhere
    const { accepted, refused } = s.take(candles);
    this.options.store?.upsert(
      s.key,
      accepted.map((a) => a.candle),
    );
    if (emit) {
      for (const { candle, gapBefore } of accepted) {
        this.bars.emit({ ...s.key, candle, complete: true, gapBefore, source: 'live' });
      }
    }
    if (refused !== undefined) throw refused;
  }
}
