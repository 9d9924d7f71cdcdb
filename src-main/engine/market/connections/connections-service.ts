import type { Database } from 'better-sqlite3';
import { spreadBps, type Quote } from '../../../../src-shared/domain/market';
import type {
  ConnectionInput,
  ConnectionList,
  ConnectionView,
  KeyStatus,
  MarketSource,
} from '../../../../src-shared/domain/connection';
import type { AuditLog } from '../../audit/audit-log';
import type { Clock } from '../../clock';
import { paperExposure } from '../../execution/paper/paper-exposure';
import { ExchangeKeys, type KeyInput } from '../../secrets/exchange-keys';
import type { PermissionCheck } from '../../secrets/permission-check';
import type { Secrets } from '../../secrets/secrets';
import type { Settings } from '../../settings';
import type { ConnectionState } from '../live-market';
import { ConnectionRegistry } from './connection-registry';
import { ConnectionError, type ConnectionCheck, type ExchangeCatalog } from './exchange-catalog';

/** What a running engine does when the connections or the source change. */
export interface MarketControl {
  /** Restarts the market on the current connections and source (no-op when unchanged). */
  apply(): Promise<void>;
  /** Per connection, what its feed is doing (empty while the replay plays). */
  states(): Map<string, ConnectionState>;
}

export interface ConnectionsServiceDeps {
  readonly db: Database;
  readonly audit: AuditLog;
  readonly settings: Settings;
  readonly clock: Clock;
  readonly catalog: ExchangeCatalog;
  readonly secrets: Secrets;
  readonly check: PermissionCheck;
  /** Absent offline (the CLI on a data folder with no running engine). */
  readonly market?: MarketControl;
  /** Told whenever the list a trader sees has changed (the engine publishes it). */
  readonly onChanged?: (list: ConnectionList) => void;
}

/**
 * Everything a trader does with exchange connections and their keys, in one place for the
 * contract handlers, the CLI (through a running engine or offline on the data folder) and the
 * engine's own start. Each change is saved, audited, applied to the running market and
 * announced.
 */
export class ConnectionsService {
  readonly registry: ConnectionRegistry;
  readonly keys: ExchangeKeys;

  constructor(private readonly deps: ConnectionsServiceDeps) {
    this.registry = new ConnectionRegistry(deps);
    this.keys = new ExchangeKeys({
      db: deps.db,
      audit: deps.audit,
      clock: deps.clock,
      secrets: deps.secrets.purpose('exchange'),
      connection: (name) => this.registry.get(name),
      check: deps.check,
      onChange: () => this.announce(),
    });
  }

  list(): ConnectionList {
    const { source, chosen } = this.registry.source();
    const states = this.deps.market?.states() ?? new Map<string, ConnectionState>();
    return {
      source,
      sourceChosen: chosen,
      connections: this.registry.list().map((c) => this.view(c.name, states.get(c.name))),
    };
  }

  /**
   * Adds a connection. Without an explicit choice the first connection makes live prices the
   * source; if the paper book holds replay-priced orders or positions, the replay is kept
   * (recorded as the choice) so nothing moves under them.
   */
  async add(input: ConnectionInput, actor: string): Promise<ConnectionView> {
    const before = this.registry.source();
    const saved = await this.registry.add(input, actor);
    const open = paperExposure(this.deps.db);
    if (!before.chosen && before.source === 'replay' && open.orders + open.positions > 0) {
      this.registry.setSource('replay', 'system:paper-book-open');
    }
    await this.changed();
    return this.view(saved.name);
  }

  /** Removes the connection and its key (from the keychain too). */
  async remove(name: string, actor: string): Promise<ConnectionList> {
    this.registry.get(name);
    await this.keys.forget(name, actor);
    await this.registry.remove(name, actor);
    await this.changed();
    return this.list();
  }

  async watch(
    name: string,
    change: { readonly add?: readonly string[]; readonly remove?: readonly string[] },
    actor: string,
  ): Promise<ConnectionView> {
    await this.registry.watch(name, change, actor);
    await this.changed();
    return this.view(name);
  }

  test(name: string): Promise<ConnectionCheck[]> {
    return this.deps.catalog.probe(this.registry.get(name));
  }

  /**
   * Chooses replay or live prices (remembered). Refused while the paper book holds orders or
   * positions: they were priced on the other source and would be filled or marked against
   * prices they never saw.
   */
  async setSource(source: MarketSource, actor: string): Promise<ConnectionList> {
    const current = this.registry.source().source;
    if (source !== current) {
      const open = paperExposure(this.deps.db);
      if (open.orders > 0 || open.positions > 0) {
        throw new ConnectionError(
          `the paper book has ${open.orders} open order(s) and ${open.positions} open position(s) priced on the ${current === 'live' ? 'live prices' : 'replay'}: close them first, then switch to ${source === 'live' ? 'live prices' : 'the replay'}`,
        );
      }
    }
    this.registry.setSource(source, actor);
    await this.changed();
    return this.list();
  }

  setKey(name: string, input: KeyInput, actor: string): Promise<KeyStatus> {
    return this.keys.set(name, input, actor);
  }

  deleteKey(name: string, actor: string): Promise<KeyStatus> {
    return this.keys.delete(name, actor);
  }

  verifyKey(name: string, actor: string): Promise<KeyStatus> {
    return this.keys.verify(name, actor);
  }

  keyStatus(name?: string): KeyStatus[] {
    const names = name === undefined ? this.registry.list().map((c) => c.name) : [name];
    return names.map((n) => this.keys.status(n));
  }

  /** The check at every engine start, for every connection that has a key. */
  verifyKeysAtStart(actor: string): Promise<void> {
    return this.keys.verifyAll(
      this.registry.list().map((c) => c.name),
      actor,
    );
  }

  /** Publishes the list again (a feed's health changed). */
  announce(): void {
    this.deps.onChanged?.(this.list());
  }

  private async changed(): Promise<void> {
    await this.deps.market?.apply();
    this.announce();
  }

  private view(name: string, state?: ConnectionState): ConnectionView {
    const config = this.registry.get(name);
    const live = state ?? this.deps.market?.states().get(name);
    return {
      ...config,
      health: live?.health ?? null,
      problems: live?.problems ?? [],
      quotes: (live?.quotes ?? []).map((q: Quote) => ({
        symbol: q.symbol,
        bid: q.bid,
        ask: q.ask,
        spreadBps: spreadBps(q),
        at: q.at,
      })),
      key: this.keys.status(name),
    };
  }
}
