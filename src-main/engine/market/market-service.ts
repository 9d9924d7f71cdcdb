import { RefusedError } from '../../../src-shared/contract/command-refusal';
import type { Timeframe } from '../../../src-shared/domain/candle';
import type { ConnectionConfig } from '../../../src-shared/domain/connection';
import type {
  FeedStatus,
  LastTrade,
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
import type { WorkerEntry } from '../worker-entry';
import { capabilitiesOf } from './exchanges/exchange-capabilities';
import { LiveMarket, type ConnectionState } from './live-market';
import {
  Listeners,
  type CandleWindow,
  type CandleWindowResult,
  type MarketFeed,
} from './market-feed';
import { ReplayFeed, type ReplayState } from './replay-feed';
import { loadReplayHere, loadReplayOffThread, type ReplayLoadPhase } from './replay-loader';
import { timelineBounds } from './replay-timeline';
import { replayFingerprint, warmStart, type ReplayPositionStore } from './replay-position';

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
  /**
   * History before the default start: the scanner warms up on it and the chart shows it, so the
   * cockpit has signals and candles the moment it opens. Default: none (start at the first candle).
   */
  readonly warmupMs?: number;
  /** The replay's worker thread entry (tests and bundles resolve it; default: next to this file). */
  readonly loaderEntry?: WorkerEntry;
  /**
   * Where the files are read and the timeline built: 'worker' (default) keeps the engine's
   * loop free meanwhile (it carries the kill path); 'this-thread' for an engine that already
   * runs off the host's loop (a backtest's, in its own worker), sparing a thread's start.
   */
  readonly loader?: 'worker' | 'this-thread';
  /**
   * Keep the replay position so a restart resumes it (default true). A backtest's engine runs
   * over a throwaway folder no restart ever opens: saving it on every close was wasted writes.
   */
  readonly keepPosition?: boolean;
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
  /** Where the replay position is kept, so a restart resumes it. */
  readonly replayPosition?: ReplayPositionStore;
  /**
   * Asked before a seek; a reason refuses it (e.g. open paper positions, which would see
   * prices jump). Null allows it.
   */
  readonly seekRefusal?: () => string | null;
}

/**
 * A feed's start was overtaken by a newer one (the trader switched the market source while the
 * replay was still loading): it is dropped, never attached. Not a failure.
 */
export class MarketStartSuperseded extends Error {
  constructor(what: string) {
    super(`market: the ${what} start was superseded by a newer one`);
    this.name = 'MarketStartSuperseded';
  }
}

/** What controlReplay can be asked. `seek` needs `to`; restart goes back to the replay's start. */
export type ReplayAction =
  | { readonly action: 'play'; readonly speed?: ReplaySpeed }
  | { readonly action: 'pause' | 'step' | 'restart' }
  | { readonly action: 'seek'; readonly to: number };

/**
 * What makes a replay state a change the controls must show: playing or not, speed, finished,
 * a jump (epoch), and where a paused replay stands. Progress while playing is not a change.
 */
function replayStateKey(state: ReplayState): string {
  const at = state.playing ? '' : String(state.now);
  return `${state.playing}|${state.speed}|${state.finished}|${state.epoch}|${at}`;
}

/** A progress status is persisted at most this often (wall clock); changes are saved at once. */
const SAVE_EVERY_MS = 1000;

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
  private readonly tradeListeners: Listeners<LastTrade>;
  private readonly connectionListeners: Listeners<void>;
  private detachConnections: Array<() => void> = [];
  /** Stops forwarding the live market's quotes and last trades. */
  private detachQuotes: () => void = () => {};
  /** Where `restart` goes: the start after the warm-up history. */
  private replayHome = 0;
  private fingerprint = '';
  private lastSaveAt = -Infinity;
  private lastSavedReason: string | null = null;
  private positionKept = true;
  /** Counts starts: a load that finishes after a newer start must not attach its feed. */
  private generation = 0;

  constructor(private readonly deps: MarketServiceDeps) {
    this.quoteListeners = new Listeners(deps.onError);
    this.tradeListeners = new Listeners(deps.onError);
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
    // A start supersedes any still loading: its feed must never replace this one's.
    this.generation += 1;
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
    const generation = this.generation;
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
    if (generation !== this.generation) throw new MarketStartSuperseded('live market');
    const market = new LiveMarket(feeds, this.deps.onError);
    await this.attach(market);
    this.live = market;
    const offQuotes = market.onQuote((quote) => this.quoteListeners.emit(quote));
    const offTrades = market.onLastTrade((trade) => this.tradeListeners.emit(trade));
    this.detachQuotes = () => {
      offQuotes();
      offTrades();
    };
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

  /** The live exchanges' last traded prices (none during a replay). */
  onLastTrade(listener: (trade: LastTrade) => void): () => void {
    return this.tradeListeners.add(listener);
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
   * Loads every CSV in the replay folder in a worker thread (the engine starts without waiting
   * and the main loop stays free), then attaches a ReplayFeed at the saved position when this
   * data was replayed before, else after the warm-up history. A file that fails validation is
   * refused and reported; the replay plays the rest.
   */
  async startReplay(options: ReplayMarketOptions): Promise<ReplayFeed> {
    const generation = this.generation;
    this.setPending('CONNECTING', `loading replay data from ${options.replayDir}`);
    const derive = options.derive ?? DEFAULT_DERIVE;
    const onPhase = (phase: ReplayLoadPhase): void =>
      this.setPending(
        'CONNECTING',
        phase.kind === 'file'
          ? `loading replay data: file ${phase.index + 1} of ${phase.total}`
          : `loading replay data: building the timeline of ${phase.candles} candles`,
      );
    const loaded =
      options.loader === 'this-thread'
        ? await loadReplayHere(options.replayDir, derive, onPhase)
        : await loadReplayOffThread(options.replayDir, derive, onPhase, options.loaderEntry);
    for (const refused of loaded.refused) this.deps.onError(new Error(refused));
    if (this.stopped) throw new Error('market: engine stopped while the replay was loading');
    if (generation !== this.generation) throw new MarketStartSuperseded('replay');
    if (loaded.timeline.length === 0) {
      this.setPending('DOWN', `no valid candle files in ${options.replayDir}`);
      throw new Error(`replay: no valid candle files in ${options.replayDir}`);
    }
    const timeline = loaded.timeline;
    this.fingerprint = replayFingerprint(timeline);
    this.positionKept = options.keepPosition !== false;
    const saved = this.positionKept ? (this.deps.replayPosition?.load() ?? null) : null;
    const resume = saved !== null && saved.fingerprint === this.fingerprint ? saved : null;
    const bounds = timelineBounds(timeline);
    if (bounds === null) throw new Error(`replay: no candles in ${options.replayDir}`);
    this.replayHome = warmStart(bounds.start, bounds.end, options.warmupMs ?? 0);
    const feed = new ReplayFeed({
      timeline,
      clock: this.deps.clock,
      scheduler: this.deps.scheduler,
      speed: resume?.speed ?? options.speed ?? '60x',
      startAt: resume?.now ?? this.replayHome,
      onError: this.deps.onError,
    });
    await this.attach(feed);
    this.replay = feed;
    // Every window's controls follow what is pushed here, so each change of the replay's own
    // state goes out once: compared as state (not as status text), from the first one on.
    let lastPushed = '';
    const push = (state: ReplayState): void => {
      lastPushed = replayStateKey(state);
      this.deps.events.publish('replayChanged', state);
    };
    this.detach.push(
      feed.onSeek((state) => {
        this.savePosition(feed, null);
        push(state);
      }),
      feed.onStatus((status) => {
        this.savePosition(feed, status.reason);
        const state = feed.state();
        if (replayStateKey(state) !== lastPushed) push(state);
      }),
    );
    push(feed.state());
    if (resume?.playing ?? options.autoPlay === true) feed.play();
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

  /**
   * Whether closed bars are on their way: a replay that is playing and not finished, or a live
   * feed that is up. The paper venue fills market orders at the last price when not.
   */
  barsComing(): boolean {
    if (this.replay !== undefined && this.feed === this.replay) {
      const state = this.replay.state();
      return state.playing && !state.finished;
    }
    return this.feed !== undefined && this.feed.status().state === 'LIVE';
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

  /** The attached replay, or a clear error saying why there is none to control. */
  replayFeed(): ReplayFeed {
    const replay = this.replay;
    if (replay === undefined || this.feed !== replay) {
      const why = this.feed === undefined ? this.status().reason : `the feed is ${this.feed.name}`;
      throw new RefusedError(`market: no replay to control (${why})`);
    }
    return replay;
  }

  controlReplay(request: ReplayAction): ReplayState {
    const replay = this.replayFeed();
    if (request.action === 'seek' || request.action === 'restart') {
      const refusal = this.deps.seekRefusal?.() ?? null;
      if (refusal !== null) throw new RefusedError(`replay: ${request.action} refused: ${refusal}`);
      return replay.seek(request.action === 'seek' ? request.to : this.replayHome);
    }
    if (request.action === 'play') return replay.play(request.speed);
    if (request.action === 'pause') return replay.pause();
    return replay.step();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.replay !== undefined) this.savePosition(this.replay, null);
    await this.detachFeed();
  }

  /**
   * Keeps the replay position: at once on a change (play, pause, seek, speed, finish), at most
   * once a second while it only progresses. `reason` is the status reason (null: always save).
   */
  private savePosition(feed: ReplayFeed, reason: string | null): void {
    const store = this.deps.replayPosition;
    if (store === undefined || !this.positionKept) return;
    const now = this.deps.clock.now();
    const progressOnly = reason !== null && reason === this.lastSavedReason;
    if (progressOnly && now - this.lastSaveAt < SAVE_EVERY_MS) return;
    const state = feed.state();
    try {
      store.save({
        fingerprint: this.fingerprint,
        now: state.now,
        speed: state.speed,
        playing: state.playing,
      });
      this.lastSaveAt = now;
      this.lastSavedReason = reason;
    } catch (error) {
      this.deps.onError(error);
    }
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
