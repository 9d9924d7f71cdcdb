import type { Exchange, OHLCV } from 'ccxt';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../src-shared/domain/candle';
import type {
  BarClosed,
  FeedState,
  FeedStatus,
  MarketSeries,
  SeriesKey,
} from '../../../src-shared/domain/market';
import type { Clock, Scheduler } from '../clock';
import type { CandleStore } from './candle-store';
import { CandleSeriesValidator, findGaps } from './candle-validation';
import { CcxtStreamWatcher } from './ccxt-stream-watcher';
import { backoffDelay, classifyFeedError, FeedDataError, type FeedErrorClass } from './feed-errors';
import {
  Listeners,
  seriesId,
  sliceWindow,
  type CandleWindow,
  type CandleWindowResult,
  type MarketFeed,
} from './market-feed';

export interface CcxtSubscription {
  /** Unified ccxt symbol, e.g. `BTC/USDT`. */
  readonly symbol: string;
  readonly timeframe: Timeframe;
}

export interface CcxtFeedOptions {
  /** The ccxt id, e.g. `binance`; also the `exchange` of every series. */
  readonly exchangeId: string;
  /** A public-data client from createCcxtExchange. */
  readonly exchange: Exchange;
  readonly subscriptions: readonly CcxtSubscription[];
  /** Closed candles to backfill per series at start (from the store first, then the exchange). */
  readonly backfill: number;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly store?: CandleStore;
  /** Candles per fetchOHLCV page while backfilling. */
  readonly pageLimit?: number;
  /** Poll this long after a candle's close, so the exchange has sealed it. */
  readonly closeDelayMs?: number;
  readonly tickerIntervalMs?: number;
  /** No market update for this long turns a LIVE feed STALE. */
  readonly staleAfterMs?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Minimum wait after an IP ban (HTTP 418). */
  readonly banBackoffMs?: number;
  /** Consecutive failures after which CONNECTING becomes DOWN. */
  readonly downAfterFailures?: number;
  /**
   * `websocket`: ccxt watchOHLCV/watchTicker signal closes and ticks (REST still fetches the
   * sealed candle and keeps polling at close as a safety net). Default: websocket where ccxt
   * supports watchOHLCV for the exchange (needs a ccxt.pro client), else REST polling.
   */
  readonly transport?: 'rest' | 'websocket';
  /** Jitter source in [0, 1); injected so tests are deterministic. */
  readonly random?: () => number;
  readonly onError: (error: unknown) => void;
}

interface SeriesState {
  readonly key: SeriesKey;
  readonly tfMs: number;
  readonly validator: CandleSeriesValidator;
  readonly candles: Candle[];
  backfilled: boolean;
  nextPollAt: number;
}

const MEMORY_CAP = 5000;

/**
 * Live public market data through ccxt: paginated fetchOHLCV backfill, then REST polling
 * aligned to candle close and a ticker poll. Every candle is validated; gaps are reported on
 * the bar, never filled. Failures retry with exponential backoff and jitter; the status says
 * CONNECTING (retrying), LIVE, STALE (no update within the threshold) or DOWN, with a reason.
 * Work runs one step at a time (one request in flight), which also keeps us polite.
 */
export class CcxtFeed implements MarketFeed {
  readonly name: string;
  private readonly state: SeriesState[];
  private readonly bars: Listeners<BarClosed>;
  private readonly statuses: Listeners<FeedStatus>;
  private readonly lastTicker = new Map<string, { price: number; timestamp: number }>();
  private current: FeedStatus;
  private work: Promise<void> = Promise.resolve();
  private cancelTimer: (() => void) | undefined;
  private stopWatchdog: (() => void) | undefined;
  private marketsLoaded = false;
  private failures = 0;
  private nextTickerAt = 0;
  private lastUpdateAt: number | null = null;
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
    this.state = options.subscriptions.map((sub) => ({
      key: { exchange: options.exchangeId, symbol: sub.symbol, timeframe: sub.timeframe },
      tfMs: TIMEFRAME_MS[sub.timeframe],
      validator: new CandleSeriesValidator(TIMEFRAME_MS[sub.timeframe]),
      candles: [],
      backfilled: false,
      nextPollAt: 0,
    }));
    this.bars = new Listeners(options.onError);
    this.statuses = new Listeners(options.onError);
    this.current = this.makeStatus('DOWN', 'not started');
  }

  start(): Promise<void> {
    this.stopped = false;
    this.setStatus('CONNECTING', `connecting to ${this.options.exchangeId}: loading spot markets`);
    this.stopWatchdog = this.options.scheduler.every(1000, () => this.checkStale());
    this.enqueue();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.stopWatchdog?.();
    await this.watcher?.stop();
    await this.settled();
    this.setStatus('DOWN', 'feed stopped');
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
    return this.current;
  }

  lastUpdateAgeMs(): number | null {
    return this.lastUpdateAt === null ? null : this.options.clock.now() - this.lastUpdateAt;
  }

  /** Last traded price seen by the ticker poll, with the exchange's timestamp. */
  ticker(symbol: string): { price: number; timestamp: number } | undefined {
    return this.lastTicker.get(symbol);
  }

  series(): MarketSeries[] {
    return this.state.map((s) => ({
      ...s.key,
      origin: 'exchange' as const,
      first: s.candles[0]?.openTime ?? null,
      last: s.candles.at(-1)?.openTime ?? null,
      bars: s.candles.length,
    }));
  }

  candles(key: SeriesKey, window: CandleWindow): CandleWindowResult {
    const s = this.state.find((x) => seriesId(x.key) === seriesId(key));
    if (s === undefined) throw new Error(`${this.name}: no series ${seriesId(key)}`);
    const candles = sliceWindow(s.candles, s.candles.length, window);
    return { candles, gaps: findGaps(candles, s.tfMs) };
  }

  onBar(listener: (bar: BarClosed) => void): () => void {
    return this.bars.add(listener);
  }

  onStatus(listener: (status: FeedStatus) => void): () => void {
    return this.statuses.add(listener);
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
    const { exchange } = this.options;
    try {
      if (!this.marketsLoaded) {
        await exchange.loadMarkets();
        for (const s of this.state) {
          if (exchange.markets?.[s.key.symbol] === undefined) {
            throw new FeedDataError(
              `${this.options.exchangeId} has no spot market ${s.key.symbol}`,
            );
          }
          if (exchange.timeframes[s.key.timeframe] === undefined) {
            throw new FeedDataError(`${this.options.exchangeId} has no ${s.key.timeframe} candles`);
          }
        }
        this.marketsLoaded = true;
      }
      for (const s of this.state) {
        if (!s.backfilled) {
          this.setStatus('CONNECTING', `backfilling ${seriesId(s.key)}`);
          await this.backfill(s);
        }
      }
      for (const s of this.state) {
        if (s.nextPollAt <= this.options.clock.now()) await this.poll(s);
      }
      // With a healthy stream, ticks come pushed; REST tickers are the fallback.
      const restTickers = this.watcher === undefined || this.streamProblem !== undefined;
      if (restTickers && this.nextTickerAt <= this.options.clock.now()) await this.pollTickers();
      if (this.transport === 'websocket' && this.watcher === undefined) this.startWatcher();
      this.failures = 0;
      this.checkStale(true);
      this.schedule(Math.min(this.nextTickerAt, ...this.state.map((s) => s.nextPollAt)));
    } catch (error) {
      if (!this.stopped) this.onFailure(error);
    }
  }

  private onFailure(error: unknown): void {
    this.failures += 1;
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
      this.setStatus('DOWN', `${cls.reason}; ${retry}`);
    } else {
      this.setStatus('CONNECTING', `reconnecting after ${cls.reason}; ${retry}`);
    }
    this.schedule(this.options.clock.now() + delay);
  }

  private startWatcher(): void {
    const o = this.options;
    this.watcher = new CcxtStreamWatcher({
      exchange: o.exchange,
      series: this.state.map((s) => ({ symbol: s.key.symbol, timeframe: s.key.timeframe })),
      scheduler: o.scheduler,
      backoffBaseMs: o.backoffBaseMs ?? 1000,
      backoffMaxMs: o.backoffMaxMs ?? 60_000,
      banBackoffMs: o.banBackoffMs ?? 300_000,
      random: o.random ?? Math.random,
      onCandle: (symbol, timeframe, openTime) => this.onStreamCandle(symbol, timeframe, openTime),
      onTicker: (symbol, price, timestamp) => this.recordTicker(symbol, price, timestamp),
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
    this.streamProblem = `${problem.reason}; retry ${attempt} in ${delay} ms`;
    if (this.current.state === 'LIVE') this.setStatus('LIVE', this.liveReason());
  }

  private onStreamMessage(): void {
    if (this.streamProblem === undefined) return;
    this.streamProblem = undefined;
    if (this.current.state === 'LIVE') this.setStatus('LIVE', this.liveReason());
  }

  private liveReason(): string {
    const n = this.state.length;
    if (this.transport === 'rest') return `polling ${n} series over REST`;
    if (this.streamProblem !== undefined) {
      return `websocket reconnecting (${this.streamProblem}); polling ${n} series over REST meanwhile`;
    }
    return `streaming ${n} series over websocket`;
  }

  /** Fills the series with its last `backfill` closed candles: store first, then pages. */
  private async backfill(s: SeriesState): Promise<void> {
    const lastClosed = this.lastClosedOpen(s);
    const since = lastClosed - (this.options.backfill - 1) * s.tfMs;
    if (s.candles.length === 0 && this.options.store !== undefined) {
      const cached = this.options.store.window(s.key, {
        from: since,
        to: lastClosed,
        limit: this.options.backfill,
      });
      this.accept(s, cached, false);
    }
    let from = s.candles.length > 0 ? (s.candles.at(-1) as Candle).openTime + s.tfMs : since;
    while (from <= lastClosed) {
      const page = this.options.pageLimit ?? 1000;
      const wanted = Math.min(page, (lastClosed - from) / s.tfMs + 1);
      const rows = await this.options.exchange.fetchOHLCV(
        s.key.symbol,
        s.key.timeframe,
        from,
        wanted,
      );
      const closed = await this.closedOnly(s, this.toCandles(s, rows), lastClosed);
      if (closed.length === 0) break; // nothing more (a gap up to now, or not sealed yet)
      this.accept(s, closed, false);
      from = (closed.at(-1) as Candle).openTime + s.tfMs;
    }
    s.backfilled = true;
    s.nextPollAt = lastClosed + 2 * s.tfMs + (this.options.closeDelayMs ?? 2000);
    this.markUpdate();
  }

  /** Fetches candles closed since the last one and emits them as bar closes. */
  private async poll(s: SeriesState): Promise<void> {
    const lastClosed = this.lastClosedOpen(s);
    const last = s.candles.at(-1)?.openTime;
    const from = last === undefined ? lastClosed : last + s.tfMs;
    if (from <= lastClosed) {
      const wanted = Math.min(this.options.pageLimit ?? 1000, (lastClosed - from) / s.tfMs + 1);
      const rows = await this.options.exchange.fetchOHLCV(
        s.key.symbol,
        s.key.timeframe,
        from,
        wanted,
      );
      const closed = await this.closedOnly(s, this.toCandles(s, rows), lastClosed);
      if (closed.length > 0) {
        this.accept(s, closed, true);
        this.markUpdate();
      }
    }
    const caughtUp = (s.candles.at(-1)?.openTime ?? -Infinity) >= lastClosed;
    const delay = this.options.closeDelayMs ?? 2000;
    // Behind (more pages, or the exchange has not sealed the candle yet): poll again soon.
    s.nextPollAt = caughtUp ? lastClosed + 2 * s.tfMs + delay : this.options.clock.now() + delay;
  }

  /**
   * Keeps the candles the exchange itself has sealed. Our clock alone is not enough: an
   * exchange that lags (or has frozen) still has that candle open. A candle followed by
   * another in the same response is sealed; the last one only once the exchange's own time
   * (its ticker timestamp) has passed its close.
   */
  private async closedOnly(s: SeriesState, rows: Candle[], lastClosed: number): Promise<Candle[]> {
    const closed = rows.filter((c) => c.openTime <= lastClosed);
    const last = closed.at(-1);
    if (last !== undefined && last === rows.at(-1)) {
      const exchangeTime = await this.fetchTicker(s.key.symbol);
      if (exchangeTime < last.openTime + s.tfMs) closed.pop();
    }
    return closed;
  }

  private async pollTickers(): Promise<void> {
    for (const symbol of new Set(this.state.map((s) => s.key.symbol)))
      await this.fetchTicker(symbol);
    this.nextTickerAt = this.options.clock.now() + (this.options.tickerIntervalMs ?? 10_000);
  }

  /** Fetches one ticker; an advancing exchange timestamp counts as a market update. */
  private async fetchTicker(symbol: string): Promise<number> {
    const t = await this.options.exchange.fetchTicker(symbol);
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

  private recordTicker(symbol: string, price: number, timestamp: number): void {
    const prev = this.lastTicker.get(symbol);
    if (prev !== undefined && timestamp < prev.timestamp) return; // a late, older tick
    this.lastTicker.set(symbol, { price, timestamp });
    if (prev === undefined || timestamp > prev.timestamp) this.markUpdate();
  }

  /** Validates rows from ccxt; any invalid row refuses the whole response, naming it. */
  private toCandles(s: SeriesState, rows: OHLCV[]): Candle[] {
    if (!Array.isArray(rows)) {
      throw new FeedDataError(`${seriesId(s.key)}: fetchOHLCV did not return a list`);
    }
    return rows.map((row, i) => {
      const [openTime, open, high, low, close, volume] = Array.isArray(row) ? row : [];
      const values = [openTime, open, high, low, close, volume];
      if (!values.every((v) => typeof v === 'number')) {
        throw new FeedDataError(
          `${seriesId(s.key)}: row ${i} is not six numbers: ${JSON.stringify(row)}`,
        );
      }
      return { openTime, open, high, low, close, volume } as Candle;
    });
  }

  /**
   * Runs each candle through the series validator; stores (and for live closes emits) the
   * valid prefix, then refuses the first invalid candle loudly.
   */
  private accept(s: SeriesState, candles: readonly Candle[], emit: boolean): void {
    if (this.stopped) return; // a response that lands after stop() goes nowhere
    const accepted: Array<{ candle: Candle; gapBefore: number }> = [];
    let refused: FeedDataError | undefined;
    for (const candle of candles) {
      const prev = s.candles.at(-1)?.openTime;
      const problems = s.validator.check(candle);
      if (problems.length > 0) {
        refused = new FeedDataError(
          `${seriesId(s.key)} candle ${candle.openTime}: ${problems.join('; ')}`,
        );
        break;
      }
      s.candles.push(candle);
      const gapBefore = prev === undefined ? 0 : (candle.openTime - prev) / s.tfMs - 1;
      accepted.push({ candle, gapBefore });
    }
    if (s.candles.length > MEMORY_CAP) s.candles.splice(0, s.candles.length - MEMORY_CAP);
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

  private lastClosedOpen(s: SeriesState): number {
    const now = this.options.clock.now();
    return now - (now % s.tfMs) - s.tfMs;
  }

  private markUpdate(): void {
    this.lastUpdateAt = this.options.clock.now();
  }

  /** LIVE <-> STALE by the age of the last update; `afterSuccess` also lifts CONNECTING/DOWN. */
  private checkStale(afterSuccess = false): void {
    if (this.stopped) return;
    const state = this.current.state;
    if (!afterSuccess && state !== 'LIVE' && state !== 'STALE') return;
    const age = this.lastUpdateAgeMs();
    const limit = this.options.staleAfterMs ?? 60_000;
    if (age !== null && age > limit) {
      this.setStatus(
        'STALE',
        `no market update for ${Math.round(age / 1000)} s (limit ${limit / 1000} s)`,
      );
    } else if (age !== null) {
      this.setStatus('LIVE', this.liveReason());
    }
  }

  private setStatus(state: FeedState, reason: string): void {
    if (state === this.current.state && reason === this.current.reason) return;
    if (state === 'STALE' && this.current.state === 'STALE') return; // age ticks; state does not
    this.current = this.makeStatus(state, reason);
    this.statuses.emit(this.current);
  }

  private makeStatus(state: FeedState, reason: string): FeedStatus {
    return {
      feed: this.name,
      state,
      reason,
      since: this.options.clock.now(),
      lastUpdateAt: this.lastUpdateAt,
    };
  }
}
