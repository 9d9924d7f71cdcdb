import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type { Timeframe } from '../../../src-shared/domain/candle';
import type {
  FeedStatus,
  MarketSeries,
  ReplaySpeed,
  SeriesKey,
} from '../../../src-shared/domain/market';
import type { Clock, Scheduler } from '../clock';
import type { EventBus } from '../event-bus';
import type { CandleStore } from './candle-store';
import { createCcxtExchange } from './ccxt-exchange';
import { CcxtFeed } from './ccxt-feed';
import { candleFilesAt } from './data-check';
import { loadCandleCsv, type LoadedCandles } from './csv-loader';
import type { CandleWindow, CandleWindowResult, MarketFeed } from './market-feed';
import { ReplayFeed, type ReplayState } from './replay-feed';

/** How the engine's market data is set up. Without it the engine runs with no feed. */
export type MarketOptions = ReplayMarketOptions | LiveMarketOptions;

/** PAPER on replayed history: the default when no exchange is configured. */
export interface ReplayMarketOptions {
  readonly kind: 'replay';
  /** Folder of candle CSV files to replay (the bundled `resources/data`). */
  readonly replayDir: string;
  /** Start playing as soon as the data is loaded; otherwise the replay waits paused. */
  readonly autoPlay?: boolean;
  readonly speed?: ReplaySpeed;
  /** Timeframes derived from each file by exact aggregation. */
  readonly derive?: readonly Timeframe[];
}

/** Live public data from an exchange through ccxt, cached in the candle store. */
export interface LiveMarketOptions {
  readonly kind: 'live';
  /** ccxt exchange id; binance by default. */
  readonly exchange?: string;
  readonly symbols: readonly string[];
  readonly timeframes: readonly Timeframe[];
  /** Closed candles to backfill per series. */
  readonly backfill?: number;
  /** Send REST calls here instead of the exchange (tests: a local exchange server). */
  readonly apiOrigin?: string;
  readonly timeoutMs?: number;
  readonly staleAfterMs?: number;
  /** Default: websocket where ccxt.pro supports it for the exchange, else REST polling. */
  readonly transport?: 'rest' | 'websocket';
}

export interface MarketServiceDeps {
  readonly events: EventBus;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly onError: (error: unknown) => void;
  /** Where live candles are cached across restarts. */
  readonly store: CandleStore;
}

const DEFAULT_DERIVE: readonly Timeframe[] = ['5m', '15m', '1h', '4h', '1d'];

/**
 * Owns the engine's market feed (the composition point for replay vs live) and forwards its
 * bar closes and status changes to the contract event bus.
 */
export class MarketService {
  private feed: MarketFeed | undefined;
  private replay: ReplayFeed | undefined;
  private pendingStatus: FeedStatus;
  private detach: Array<() => void> = [];
  private stopped = false;
  private starting: Promise<MarketFeed> | undefined;

  constructor(private readonly deps: MarketServiceDeps) {
    this.pendingStatus = {
      feed: 'none',
      state: 'DOWN',
      reason: 'no market feed configured',
      since: deps.clock.now(),
      lastUpdateAt: null,
    };
  }

  /** Starts the configured feed: replay or live. */
  start(options: MarketOptions): Promise<MarketFeed> {
    this.starting = options.kind === 'replay' ? this.startReplay(options) : this.startLive(options);
    return this.starting;
  }

  /** Settles when the feed from the last start() is attached (or failed to). */
  whenStarted(): Promise<MarketFeed> {
    if (this.starting === undefined)
      return Promise.reject(new Error('market: no feed was started'));
    return this.starting;
  }

  /** Connects a CcxtFeed for every symbol x timeframe; status and bars flow as it goes. */
  async startLive(options: LiveMarketOptions): Promise<CcxtFeed> {
    const exchangeId = options.exchange ?? 'binance';
    const exchange = await createCcxtExchange(exchangeId, {
      apiOrigin: options.apiOrigin,
      timeoutMs: options.timeoutMs,
      websocket: options.transport !== 'rest',
    });
    const feed = new CcxtFeed({
      exchangeId,
      exchange,
      subscriptions: options.symbols.flatMap((symbol) =>
        options.timeframes.map((timeframe) => ({ symbol, timeframe })),
      ),
      backfill: options.backfill ?? 500,
      store: this.deps.store,
      clock: this.deps.clock,
      scheduler: this.deps.scheduler,
      staleAfterMs: options.staleAfterMs,
      transport: options.transport,
      onError: this.deps.onError,
    });
    await this.attach(feed);
    return feed;
  }

  /**
   * Loads every CSV in the replay folder (asynchronously: the engine starts without waiting)
   * and attaches a ReplayFeed. A file that fails validation is refused and reported; the
   * replay plays the rest.
   */
  async startReplay(options: ReplayMarketOptions): Promise<ReplayFeed> {
    this.setPending('CONNECTING', `loading replay data from ${options.replayDir}`);
    const loaded: LoadedCandles[] = [];
    for (const file of candleFilesAt(options.replayDir)) {
      try {
        loaded.push(await loadCandleCsv(file));
      } catch (error) {
        this.deps.onError(error);
      }
    }
    if (this.stopped) throw new Error('market: engine stopped while the replay was loading');
    if (loaded.length === 0) {
      this.setPending('DOWN', `no valid candle files in ${options.replayDir}`);
      throw new Error(`replay: no valid candle files in ${options.replayDir}`);
    }
    const feed = new ReplayFeed({
      sources: loaded,
      derive: options.derive ?? DEFAULT_DERIVE,
      clock: this.deps.clock,
      scheduler: this.deps.scheduler,
      speed: options.speed ?? '60x',
      onError: this.deps.onError,
    });
    await this.attach(feed);
    this.replay = feed;
    if (options.autoPlay === true) feed.play();
    return feed;
  }

  /** Attaches any feed (replay, ccxt) and starts it. */
  async attach(feed: MarketFeed): Promise<void> {
    await this.detachFeed();
    this.feed = feed;
    this.detach = [
      feed.onBar((bar) => this.deps.events.publish('barClosed', bar)),
      feed.onStatus((status) => this.deps.events.publish('feedStatusChanged', status)),
    ];
    await feed.start(); // the feed announces its own status changes from here on
  }

  status(): FeedStatus {
    return this.feed?.status() ?? this.pendingStatus;
  }

  /** The active feed, for the scanner and the paper broker. */
  activeFeed(): MarketFeed | undefined {
    return this.feed;
  }

  /** Market time: the replay's virtual now while a replay is attached, else the engine clock. */
  now(): number {
    return this.replay?.state().now ?? this.deps.clock.now();
  }

  lastUpdateAgeMs(): number | null {
    return this.feed?.lastUpdateAgeMs() ?? null;
  }

  series(): MarketSeries[] {
    return this.feed?.series() ?? [];
  }

  candles(key: SeriesKey, window: CandleWindow): CandleWindowResult {
    if (this.feed === undefined)
      throw new RefusedError(`market: no feed (${this.status().reason})`);
    return this.feed.candles(key, window);
  }

  controlReplay(action: 'play' | 'pause' | 'step', speed?: ReplaySpeed): ReplayState {
    const replay = this.replay;
    if (replay === undefined || this.feed !== replay) {
      const why = this.feed === undefined ? this.status().reason : `the feed is ${this.feed.name}`;
      throw new RefusedError(`market: no replay to control (${why})`);
    }
    if (action === 'play') return replay.play(speed);
    if (action === 'pause') return replay.pause();
    return replay.step();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.detachFeed();
  }

  private async detachFeed(): Promise<void> {
    for (const off of this.detach.splice(0)) off();
    const feed = this.feed;
    this.feed = undefined;
    this.replay = undefined;
    await feed?.stop();
  }

  private setPending(state: FeedStatus['state'], reason: string): void {
    this.pendingStatus = {
      feed: 'replay',
      state,
      reason,
      since: this.deps.clock.now(),
      lastUpdateAt: null,
    };
    this.deps.events.publish('feedStatusChanged', this.pendingStatus);
  }
}
