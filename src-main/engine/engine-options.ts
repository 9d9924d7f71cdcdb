import type { AlertTuning } from './alerts/create-alerts';
import type { Clock, Scheduler } from './clock';
import type { EventLoopLagMonitor } from './event-loop-lag';
import type { KillVenue } from './kill/kill-venue';
import type { Sleep } from './kill/sleeper';
import type { ExchangeCatalog } from './market/connections/exchange-catalog';
import type { MarketOptions } from './market/market-service';
import type { MarketPipelineOptions } from './market-pipeline';
import type { ConfiguredMarketOptions } from './market-source';
import type { MonotonicClock } from './power/clock-jump-detector';
import type { PermissionCheck } from './secrets/permission-check';
import type { SecretStore } from './secrets/secret-store';
import type { LiveTradingTuning } from './trading/open-live-book';

export interface EngineOptions {
  readonly dataDir: string;
  readonly version: string;
  /** Who started the engine, for the audit record: 'electron', 'host', 'test'. */
  readonly host: string;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  /** How often a statusChanged heartbeat is published. */
  readonly heartbeatMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Venues the kill switch sweeps from the start (executors may add more). */
  readonly venues?: readonly KillVenue[];
  /** Wait between kill retries; tests inject one that does not sleep. */
  readonly sleep?: Sleep;
  /** The trader's IANA time zone for the default risk config; the system zone when omitted. */
  readonly timeZone?: string;
  /** Starting cash of a new paper account (default 10000 USDT); later changes need a reset. */
  readonly paperStartingBalance?: string;
  /** Main-loop lag measurement; injectable so tests see fixed figures. */
  readonly lagMonitor?: EventLoopLagMonitor;
  /**
   * Market data. `configured` (the hosts): the bundled replay or the trader's exchange
   * connections, as the trader chose (remembered), switching when that changes. `replay` or
   * `live`: a fixed market (tests). The feed starts in the background (start stays
   * synchronous); without it the engine has no feed, which keeps other areas' tests quiet.
   */
  readonly market?: MarketOptions | ConfiguredMarketOptions;
  /** The OS keychain (the hosts: KeytarSecretStore). Without one, keys cannot be stored. */
  readonly secrets?: SecretStore;
  /** Which exchanges exist and what they serve; ccxt's catalog by default. */
  readonly catalog?: ExchangeCatalog;
  /** The key permission check; ccxt's implicit API by default. */
  readonly permissionCheck?: PermissionCheck;
  /**
   * The clock that stops while the machine sleeps (performance.now) for the clock jump
   * detector; defaults to `clock` when a clock is injected.
   */
  readonly monotonic?: MonotonicClock;
  /** For tests: the Telegram API origin and the retry wait (the secrets are in `secrets`). */
  readonly alerts?: AlertTuning;
  /** Scanner settings for the market pipeline (only used with `market`). */
  readonly scanner?: MarketPipelineOptions['scanner'];
  /** How live books run (timeouts, reconcile period); tests shorten them. */
  readonly liveTrading?: LiveTradingTuning;
  /**
   * 'publish' (default): the active book's valuation is pushed to windows (bookMarked) after
   * every change. 'on-request': only computed when asked (getBookValuation): for an engine
   * no window ever connects to, a backtest's, where valuing the book after every bar close
   * was a quarter of the run. The ledger's equity samples, the risk limits and the reports do
   * not depend on it.
   */
  readonly bookValuations?: 'publish' | 'on-request';
}
