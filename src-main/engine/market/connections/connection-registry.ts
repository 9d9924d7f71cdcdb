import type { Database, Statement } from 'better-sqlite3';
import {
  ConnectionConfigSchema,
  MarketSourceSchema,
  SymbolSchema,
  type ConnectionConfig,
  type ConnectionInput,
  type MarketSource,
} from '../../../../src-shared/domain/connection';
import type { AuditLog } from '../../audit/audit-log';
import type { Clock } from '../../clock';
import type { Settings } from '../../settings';
import { ConnectionError, type ExchangeCatalog } from './exchange-catalog';

const SOURCE_KEY = 'market_source';

interface ConnectionRow {
  name: string;
  exchange: string;
  symbols: string;
  timeframes: string;
  api_origin: string | null;
  enabled: number;
  needs_password: number;
  created_at: number;
}

/**
 * The trader's exchange connections (SQLite) and the choice of market source. Every change is
 * checked against the exchange itself before it is saved: an unknown exchange, a symbol it
 * does not list, or a timeframe it does not serve is refused with the name of the problem, and
 * nothing is saved. Every change is audited.
 */
export class ConnectionRegistry {
  private readonly s: Record<'all' | 'get' | 'insert' | 'symbols' | 'remove', Statement>;

  constructor(
    private readonly deps: {
      readonly db: Database;
      readonly audit: AuditLog;
      readonly settings: Settings;
      readonly clock: Clock;
      readonly catalog: ExchangeCatalog;
    },
  ) {
    const db = deps.db;
    this.s = {
      all: db.prepare('SELECT * FROM exchange_connections ORDER BY created_at, name'),
      get: db.prepare('SELECT * FROM exchange_connections WHERE name = ?'),
      insert: db.prepare(
        `INSERT INTO exchange_connections
           (name, exchange, symbols, timeframes, api_origin, enabled, needs_password, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`,
      ),
      symbols: db.prepare(
        'UPDATE exchange_connections SET symbols = ?, updated_at = ? WHERE name = ?',
      ),
      remove: db.prepare('DELETE FROM exchange_connections WHERE name = ?'),
    };
  }

  list(): ConnectionConfig[] {
    return (this.s.all.all() as ConnectionRow[]).map(fromRow);
  }

  enabled(): ConnectionConfig[] {
    return this.list().filter((c) => c.enabled);
  }

  /** The connection, or a ConnectionError naming the ones that exist. */
  get(name: string): ConnectionConfig {
    const row = this.s.get.get(name) as ConnectionRow | undefined;
    if (row === undefined) {
      const names = this.list().map((c) => c.name);
      throw new ConnectionError(
        `no connection '${name}'${names.length === 0 ? ' (none configured)' : ` (have: ${names.join(', ')})`}`,
      );
    }
    return fromRow(row);
  }

  /** Checks the exchange, its symbols and timeframes live; saves only when all pass. */
  async add(input: ConnectionInput, actor: string): Promise<ConnectionConfig> {
    if (this.s.get.get(input.name) !== undefined) {
      throw new ConnectionError(`a connection named '${input.name}' exists already; nothing saved`);
    }
    const same = this.list().find((c) => c.exchange === input.exchange);
    if (same !== undefined) {
      throw new ConnectionError(
        `${input.exchange} is connected already as '${same.name}': add symbols to it with \`vigil watch add ${same.name} ...\`; nothing saved`,
      );
    }
    const exchange = await this.deps.catalog.describe(input.exchange);
    const badTimeframes = input.timeframes.filter((tf) => !exchange.timeframes.includes(tf));
    if (badTimeframes.length > 0) {
      throw new ConnectionError(
        `${exchange.label} has no ${badTimeframes.join(', ')} candles (it serves ${exchange.timeframes.join(', ')}); nothing saved`,
        'INVALID_INPUT',
      );
    }
    await this.checkSymbols(input.exchange, input.apiOrigin ?? null, input.symbols);
    const now = this.deps.clock.now();
    this.s.insert.run(
      input.name,
      input.exchange,
      JSON.stringify(input.symbols),
      JSON.stringify(input.timeframes),
      input.apiOrigin ?? null,
      exchange.needsPassword ? 1 : 0,
      now,
      now,
    );
    const saved = this.get(input.name);
    this.deps.audit.append({ kind: 'connection.added', actor, payload: { ...saved } });
    return saved;
  }

  async remove(name: string, actor: string): Promise<ConnectionConfig> {
    const config = this.get(name);
    this.s.remove.run(name);
    this.deps.audit.append({ kind: 'connection.removed', actor, payload: { ...config } });
    return config;
  }

  /** Adds and removes watched symbols; added ones are checked with the exchange first. */
  async watch(
    name: string,
    change: { readonly add?: readonly string[]; readonly remove?: readonly string[] },
    actor: string,
  ): Promise<ConnectionConfig> {
    const config = this.get(name);
    const add = [...new Set(change.add ?? [])].filter((s) => !config.symbols.includes(s));
    const remove = new Set(change.remove ?? []);
    const missing = [...remove].filter((s) => !config.symbols.includes(s));
    if (missing.length > 0) {
      throw new ConnectionError(`'${name}' does not watch ${missing.join(', ')}; nothing changed`);
    }
    for (const symbol of add) {
      const parsed = SymbolSchema.safeParse(symbol);
      if (!parsed.success)
        throw new ConnectionError(`'${symbol}': ${parsed.error.issues[0]?.message}`);
    }
    if (add.length > 0) await this.checkSymbols(config.exchange, config.apiOrigin, add);
    const symbols = [...config.symbols.filter((s) => !remove.has(s)), ...add];
    if (symbols.length === 0) {
      throw new ConnectionError(
        `'${name}' would watch nothing; remove the connection instead (vigil exchange remove ${name})`,
      );
    }
    if (symbols.length > 50) throw new ConnectionError(`'${name}' may watch at most 50 symbols`);
    this.s.symbols.run(JSON.stringify(symbols), this.deps.clock.now(), name);
    this.deps.audit.append({
      kind: 'connection.watchlist-changed',
      actor,
      payload: { connection: name, added: add, removed: [...remove], symbols },
    });
    return this.get(name);
  }

  /** The trader's choice, or the default: live prices with a connection, else the replay. */
  source(): { source: MarketSource; chosen: boolean } {
    const chosen = this.deps.settings.get<MarketSource | null>(
      SOURCE_KEY,
      (v) => MarketSourceSchema.parse(v),
      null,
    );
    if (chosen !== null) return { source: chosen, chosen: true };
    return { source: this.enabled().length > 0 ? 'live' : 'replay', chosen: false };
  }

  setSource(source: MarketSource, actor: string): void {
    if (source === 'live' && this.enabled().length === 0) {
      throw new ConnectionError(
        'no exchange connection to play live prices from: add one first (vigil exchange add NAME --exchange ID --symbols ... --timeframes ...)',
      );
    }
    const before = this.source();
    this.deps.settings.set(SOURCE_KEY, source);
    this.deps.audit.append({
      kind: 'market.source-chosen',
      actor,
      payload: { source, previous: before.source },
    });
  }

  private async checkSymbols(
    exchange: string,
    apiOrigin: string | null,
    symbols: readonly string[],
  ): Promise<void> {
    let verdicts: ReadonlyMap<string, string | null>;
    try {
      verdicts = await this.deps.catalog.checkSymbols(exchange, apiOrigin, symbols);
    } catch (error) {
      if (error instanceof ConnectionError) throw error;
      throw new ConnectionError(
        `cannot reach ${exchange}${apiOrigin === null ? '' : ` at ${apiOrigin}`} to check the symbols (${(error as Error).message}); nothing saved`,
      );
    }
    const problems = symbols.flatMap((s) => {
      const problem = verdicts.get(s);
      return problem === null || problem === undefined ? [] : [problem];
    });
    if (problems.length > 0) {
      throw new ConnectionError(`${problems.join('; ')}; nothing saved`, 'INVALID_INPUT');
    }
  }
}

function fromRow(row: ConnectionRow): ConnectionConfig {
  return ConnectionConfigSchema.parse({
    name: row.name,
    exchange: row.exchange,
    symbols: JSON.parse(row.symbols) as unknown,
    timeframes: JSON.parse(row.timeframes) as unknown,
    apiOrigin: row.api_origin,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    needsPassword: row.needs_password === 1,
  });
}
