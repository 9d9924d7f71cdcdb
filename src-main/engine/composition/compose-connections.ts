import type { Database } from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { EngineOptions } from '../engine-options';
import type { PipelineParts } from '../engine-parts';
import type { EventBus } from '../event-bus';
import { ConnectionsService, type MarketControl } from '../market/connections/connections-service';
import { CcxtCatalog } from '../market/exchanges/ccxt-catalog';
import type { ConnectionRegistry } from '../market/connections/connection-registry';
import type { MarketService } from '../market/market-service';
import { MarketSourceControl } from '../market-source';
import { checkKeyPermissions } from '../secrets/permission-check';
import type { Secrets } from '../secrets/secrets';
import type { Settings } from '../settings';

export interface ConnectionsDeps {
  /** What a pipeline the source control starts feeds (the engine's parts). */
  readonly parts: PipelineParts;
  readonly db: Database;
  readonly audit: AuditLog;
  readonly settings: Settings;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly events: EventBus;
  readonly market: MarketService;
  readonly options: Pick<EngineOptions, 'market' | 'scanner' | 'catalog' | 'permissionCheck'>;
}

export interface Connections {
  readonly connections: ConnectionsService;
  /** Plays the trader's chosen source: present when the host configured the market. */
  readonly sourceControl: MarketSourceControl | undefined;
}

/**
 * Exchange connections and, in the hosts, the market source control they drive. A fixed
 * market (tests) has no source to switch: the connections only read its feeds' states.
 */
export function composeConnections(deps: ConnectionsDeps): Connections {
  const configured = deps.options.market;
  // The control is built first and reads the connections' registry late: each needs the other.
  const sourceControl: MarketSourceControl | undefined =
    configured?.kind === 'configured'
      ? new MarketSourceControl({
          parts: deps.parts,
          db: deps.db,
          settings: deps.settings,
          registry: (): ConnectionRegistry => connections.registry,
          configured,
          scanner: deps.options.scanner,
        })
      : undefined;
  const fixedMarket: MarketControl = {
    apply: () => Promise.resolve(),
    states: () => deps.market.connectionStates(),
  };
  const connections = new ConnectionsService({
    db: deps.db,
    audit: deps.audit,
    settings: deps.settings,
    clock: deps.clock,
    catalog: deps.options.catalog ?? new CcxtCatalog(),
    secrets: deps.secrets,
    check: deps.options.permissionCheck ?? checkKeyPermissions,
    market: sourceControl ?? fixedMarket,
    onChanged: (list) => deps.events.publish('connectionsChanged', list),
  });
  return { connections, sourceControl };
}
