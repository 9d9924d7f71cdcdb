import type { Exchange } from 'ccxt';
import type { Timeframe } from '../../../src-shared/domain/candle';
import type { Clock, Scheduler } from '../clock';
import type { CandleStore } from './candle-store';

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
  /** How often the exchange's market list is reloaded to notice delistings. Default 1 h. */
  readonly marketsReloadMs?: number;
  /**
   * Stream best bid/ask from the exchange's book-ticker channel (ccxt watchBidsAsks, e.g.
   * Binance `@bookTicker`); otherwise quotes come from the ticker stream and REST tickers.
   */
  readonly bookTickerStream?: boolean;
  /** Jitter source in [0, 1); injected so tests are deterministic. */
  readonly random?: () => number;
  readonly onError: (error: unknown) => void;
}
