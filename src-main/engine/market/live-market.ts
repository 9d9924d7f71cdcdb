import type { ConnectionConfig, ConnectionHealth } from '../../../src-shared/domain/connection';
import type {
  BarClosed,
  FeedState,
  FeedStatus,
  LastTrade,
  MarketSeries,
  Quote,
  SeriesKey,
} from '../../../src-shared/domain/market';
import type { MarketSpec } from '../execution/broker';
import type { CcxtFeed } from './ccxt-feed';
import {
  Listeners,
  type CandleWindow,
  type CandleWindowResult,
  type MarketFeed,
} from './market-feed';

/** A market source that also has best bid/ask quotes (live exchanges; the replay has none). */
export interface QuoteSource {
  onQuote(listener: (quote: Quote) => void): () => void;
  quote(exchange: string, symbol: string): Quote | undefined;
}

/** What one connection's feed is doing right now, for the Connections panel and CLI. */
export interface ConnectionState {
  readonly health: ConnectionHealth;
  readonly problems: Array<{ symbol: string; problem: string }>;
  readonly quotes: Quote[];
}

// A live connection never ENDS (only the replay does); were one to, no price comes: as DOWN.
const SEVERITY: Readonly<Record<FeedState, number>> = {
  LIVE: 0,
  CONNECTING: 1,
  STALE: 2,
  DOWN: 3,
  ENDED: 3,
};

/**
 * The live market: one CcxtFeed per enabled connection, seen downstream as one MarketFeed.
 * Its status is the worst of its connections' (a DOWN exchange with positions open must halt,
 * whatever the others do), and names the connection; series, candles and bars are the union,
 * each routed by its exchange.
 */
export class LiveMarket implements MarketFeed, QuoteSource {
  readonly name: string;
  private readonly statusListeners: Listeners<FeedStatus>;
  private current: FeedStatus;

  constructor(
    private readonly feeds: ReadonlyArray<{
      readonly connection: ConnectionConfig;
      readonly feed: CcxtFeed;
    }>,
    onError: (error: unknown) => void,
  ) {
    if (feeds.length === 0) throw new Error('live market: no connection to play');
    this.name = `ccxt:${feeds.map((f) => f.connection.exchange).join('+')}`;
    this.statusListeners = new Listeners(onError);
    this.current = this.aggregate();
    for (const { feed } of feeds) {
      feed.onStatus(() => {
        const next = this.aggregate();
        if (next.state !== this.current.state || next.reason !== this.current.reason) {
          this.current = next;
          this.statusListeners.emit(next);
        }
      });
    }
  }

  async start(): Promise<void> {
    await Promise.all(this.feeds.map(({ feed }) => feed.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.feeds.map(({ feed }) => feed.stop()));
  }

  /** Resolves when every feed has finished its queued work (tests). */
  async settled(): Promise<void> {
    await Promise.all(this.feeds.map(({ feed }) => feed.settled()));
  }

  status(): FeedStatus {
    return this.current;
  }

  /** The oldest last update across connections: stale anywhere is stale. */
  lastUpdateAgeMs(): number | null {
    const ages = this.feeds
      .map(({ feed }) => feed.lastUpdateAgeMs())
      .filter((a): a is number => a !== null);
    return ages.length === 0 ? null : Math.max(...ages);
  }

  series(): MarketSeries[] {
    return this.feeds.flatMap(({ feed }) => feed.series());
  }

  candles(key: SeriesKey, window: CandleWindow): CandleWindowResult {
    return this.feedOf(key.exchange).candles(key, window);
  }

  onBar(listener: (bar: BarClosed) => void): () => void {
    const offs = this.feeds.map(({ feed }) => feed.onBar(listener));
    return () => offs.forEach((off) => off());
  }

  onStatus(listener: (status: FeedStatus) => void): () => void {
    return this.statusListeners.add(listener);
  }

  onQuote(listener: (quote: Quote) => void): () => void {
    const offs = this.feeds.map(({ feed }) => feed.onQuote(listener));
    return () => offs.forEach((off) => off());
  }

  onLastTrade(listener: (trade: LastTrade) => void): () => void {
    const offs = this.feeds.map(({ feed }) => feed.onLastTrade(listener));
    return () => offs.forEach((off) => off());
  }

  quote(exchange: string, symbol: string): Quote | undefined {
    return this.feeds.find((f) => f.connection.exchange === exchange)?.feed.quote(symbol);
  }

  /** The exchanges' own trading rules for every watched symbol whose markets are loaded. */
  marketSpecs(): MarketSpec[] {
    return this.feeds.flatMap(({ feed }) => feed.marketSpecs());
  }

  /** Per connection name: health, problems and quotes. */
  connectionStates(): Map<string, ConnectionState> {
    return new Map(
      this.feeds.map(({ connection, feed }) => {
        const status = feed.status();
        return [
          connection.name,
          {
            health: {
              state: status.state,
              reason: status.reason,
              since: status.since,
              lastMessageAt: feed.lastUpdateAt(),
              lastMessageAgeMs: feed.lastUpdateAgeMs(),
              reconnects: feed.reconnects(),
            },
            problems: feed.problems().map(({ symbol, timeframe, problem }) => ({
              symbol: `${symbol} ${timeframe}`,
              problem,
            })),
            quotes: feed.quoteList(),
          },
        ];
      }),
    );
  }

  private feedOf(exchange: string): CcxtFeed {
    const found = this.feeds.find((f) => f.connection.exchange === exchange);
    if (found === undefined) throw new Error(`live market: no connection to ${exchange}`);
    return found.feed;
  }

  private aggregate(): FeedStatus {
    if (this.feeds.length === 1) return (this.feeds[0] as { feed: CcxtFeed }).feed.status();
    const statuses = this.feeds.map(({ connection, feed }) => ({
      connection,
      status: feed.status(),
    }));
    const worst = statuses.reduce((a, b) =>
      SEVERITY[b.status.state] > SEVERITY[a.status.state] ? b : a,
    );
    const live = statuses.filter((s) => s.status.state === 'LIVE').length;
    const updates = statuses
      .map((s) => s.status.lastUpdateAt)
      .filter((t): t is number => t !== null);
    return {
      feed: this.name,
      state: worst.status.state,
      reason:
        worst.status.state === 'LIVE'
          ? `${live} of ${statuses.length} connections LIVE`
          : `${worst.connection.name}: ${worst.status.reason}; ${live} of ${statuses.length} connections LIVE`,
      since: Math.max(...statuses.map((s) => s.status.since)),
      lastUpdateAt: updates.length === 0 ? null : Math.min(...updates),
    };
  }
}
