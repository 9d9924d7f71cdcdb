import type { TradingModeStatus } from '../../../src-shared/contract/trading';
import type { AuditLog } from '../audit/audit-log';
import type { Clock, Scheduler } from '../clock';
import type { ExecutionService } from '../execution/execution-service';
import { ShadowVenue } from '../execution/shadow-venue';
import type { ConnectionsService } from '../market/connections/connections-service';
import type { RiskSystem } from '../risk/risk-system';
import type { Settings } from '../settings';
import type { Store } from '../store/open-store';
import { openLiveBook, type LiveTradingTuning } from './open-live-book';
import { TradingModeService } from './trading-mode';

export interface ComposeTradingDeps {
  readonly store: Store;
  readonly settings: Settings;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly marketClock: Clock;
  readonly scheduler: Scheduler;
  readonly execution: ExecutionService;
  readonly risk: RiskSystem;
  readonly connections: ConnectionsService;
  readonly liveSource: () => boolean;
  readonly paperStartingBalance: string;
  readonly tuning?: LiveTradingTuning;
  readonly onChanged: (status: TradingModeStatus) => void;
  readonly onError: (error: unknown) => void;
}

/**
 * The trading modes on the execution core: the SHADOW book (its executor records intents
 * against a notional account the size of the paper one, and sends nothing) and the live
 * books, opened per connection on wall time (live venues' orders carry real times).
 */
export function composeTrading(deps: ComposeTradingDeps): TradingModeService {
  const { execution } = deps;
  const shadowVenue = new ShadowVenue(() => execution.paper.markets());
  const shadow = {
    bookId: 'shadow' as const,
    broker: shadowVenue,
    executor: execution.executorFor(shadowVenue, deps.marketClock),
  };
  execution.addBook(shadow, execution.paper.quoteAsset, deps.paperStartingBalance);
  const trading: TradingModeService = new TradingModeService({
    settings: deps.settings,
    audit: deps.audit,
    clock: deps.clock,
    execution,
    risk: deps.risk,
    connections: deps.connections,
    liveSource: deps.liveSource,
    shadow,
    openLive: (connection) =>
      openLiveBook(
        {
          execution,
          risk: deps.risk,
          keys: deps.connections.keys,
          audit: deps.audit,
          db: deps.store.db,
          clock: deps.clock,
          scheduler: deps.scheduler,
          onError: deps.onError,
          onChange: () => trading.announce(),
          ...(deps.tuning === undefined ? {} : { tuning: deps.tuning }),
        },
        connection,
      ),
    onChanged: deps.onChanged,
    onError: deps.onError,
  });
  return trading;
}
