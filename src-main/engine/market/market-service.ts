import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type { Timeframe } from '../../../src-shared/domain/candle';
import type { ConnectionConfig } from '../../../src-shared/domain/connection';
import type {
  FeedStatus,
  MarketSeries,
  Quote,
  ReplaySpeed,
  SeriesKey,
} from '../../../src-shared/domain/market';
import type { MarketSpec } from '../execution/broker';
import type { Clock, Scheduler } from '../clock';
import type { EventBus } from '../event-bus';
import type { CandleStore } from './candle-store';
import { createCcxtExchange } from './ccxt-exchange';
import { CcxtFeed } from './ccxt-feed';
import { candleFilesAt } from './data-check';
import { loadCandleCsv, type LoadedCandles } from './csv-loader';
import { capabilitiesOf } from './exchanges/exchange-capabilities';
import { LiveMarket, type ConnectionState } from './live-market';
import {
  Listeners,
  type CandleWindow,
  type CandleWindowResult,
  type MarketFeed,
} from './market-feed';
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

/**
 * Live public data from the trader's exchange connections through ccxt (one feed each),
 * cached in the candle store.
 */
export interface LiveMarketOptions extends LiveTuning {
  readonly kind: 'live';
  readonly connections: readonly ConnectionConfig[];
}

/** How live feeds are run; the defaults suit a real exchange, tests shorten them. */
export interface LiveTuning {
  /** Closed candles to backfill per series. */
  readonly backfill?: number;
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
  private live: LiveMarket | undefined;
  private readonly quoteListeners: Listeners<Quote>;
  private readonly connectionListeners: Listeners<void>;
  private detachConnections: Array<() => void> = [];
  private detachQuotes: () => void = () => {};

  constructor(private readonly deps: MarketServiceDeps) {
    this.quoteListeners = new Listeners(deps.onError);
    this.connectionListeners = new Listeners(deps.onError);
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

  /**
   * Connects a CcxtFeed per connection (every symbol x timeframe of it); status, bars and
   * quotes flow as they come. Public data needs no key.
   */
  async startLive(options: LiveMarketOptions): Promise<LiveMarket> {
    // ccxt loads here, on the first live connection (see load-ccxt.ts).
    const feeds = await Promise.all(
      options.connections.map(async (connection) => {
        const exchange = await createCcxtExchange(connection.exchange, {
          apiOrigin: connection.apiOrigin ?? undefined,
          timeoutMs: options.timeoutMs,
          websocket: options.transport !== 'rest',
        });
        const feed = new CcxtFeed({
          exchangeId: connection.exchange,
          exchange,
          subscriptions: connection.symbols.flatMap((symbol) =>
            connection.timeframes.map((timeframe) => ({ symbol, timeframe })),
          ),
          backfill: options.backfill ?? 500,
          store: this.deps.store,
          clock: this.deps.clock,
          scheduler: this.deps.scheduler,
          staleAfterMs: options.staleAfterMs,
          transport: options.transport,
          bookTickerStream: capabilitiesOf(connection.exchange).bookTickerStream,
          onError: this.deps.onError,
        });
        return { connection, feed };
      }),
    );
    if (this.stopped) throw new Error('market: engine stopped while the live market was starting');
    const market = new LiveMarket(feeds, this.deps.onError);
    await this.attach(market);
    this.live = market;
    this.detachQuotes = market.onQuote((quote) => this.quoteListeners.emit(quote));
    this.detachConnections = feeds.map(({ feed }) =>
      feed.onStatus(() => this.connectionListeners.emit()),
    );
    this.connectionListeners.emit();
    return market;
  }

  /** Any connection's feed changed state or reason (or the live market started or stopped). */
  onConnectionsChanged(listener: () => void): () => void {
    return this.connectionListeners.add(listener);
  }

  /** Best bid/ask updates from the live market (none during a replay). */
  onQuote(listener: (quote: Quote) => void): () => void {
    return this.quoteListeners.add(listener);
  }

  quote(exchange: string, symbol: string): Quote | undefined {
    return this.live?.quote(exchange, symbol);
  }

  /** Per connection: what its feed is doing (empty during a replay). */
  connectionStates(): Map<string, ConnectionState> {
    return this.live?.connectionStates() ?? new Map();
  }

  /** The live exchanges' trading rules for the watched symbols (empty during a replay). */
  marketSpecs(): MarketSpec[] {
    return this.live?.marketSpecs() ?? [];
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
    this.detachQuotes();
    this.detachQuotes = () => {};
    for (const off of this.detachConnections.splice(0)) off();
    const wasLive = this.live !== undefined;
    const feed = this.feed;
    this.feed = undefined;
    this.replay = undefined;
    this.live = undefined;
    await feed?.stop();
    if (wasLive) this.connectionListeners.emit();
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
