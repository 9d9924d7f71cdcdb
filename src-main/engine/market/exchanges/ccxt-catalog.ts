import type { Exchange } from 'ccxt';
import type { Timeframe } from '../../../../src-shared/domain/candle';
import { spreadBps } from '../../../../src-shared/domain/market';
import type { ConnectionConfig } from '../../../../src-shared/domain/connection';
import { createCcxtExchange } from '../ccxt-exchange';
import { spotMarketProblem } from '../ccxt-markets';
import { loadCcxt } from '../load-ccxt';
import {
  ConnectionError,
  type ConnectionCheck,
  type ExchangeCatalog,
  type ExchangeDescription,
} from '../connections/exchange-catalog';
import { capabilitiesOf } from './exchange-capabilities';

type ExchangeClass = new (config?: Record<string, unknown>) => Exchange;

/** The exchange catalog from ccxt itself: its exchange list, capabilities and live markets. */
export class CcxtCatalog implements ExchangeCatalog {
  constructor(private readonly options: { readonly timeoutMs?: number } = {}) {}

  async describe(id: string): Promise<ExchangeDescription> {
    const ccxt = await loadCcxt();
    const classes = ccxt as unknown as Record<string, ExchangeClass | undefined>;
    const ExchangeCtor = Object.hasOwn(ccxt.exchanges, id) ? classes[id] : undefined;
    if (ExchangeCtor === undefined) {
      throw new ConnectionError(
        `unknown exchange '${id}': not a ccxt exchange id (e.g. binance, bybit, okx, kraken, coinbase)`,
        'INVALID_INPUT',
      );
    }
    const exchange = new ExchangeCtor();
    if (exchange.has['fetchOHLCV'] !== true) {
      throw new ConnectionError(
        `${exchange.name ?? id} serves no candles through ccxt (no fetchOHLCV)`,
      );
    }
    const proClasses = ccxt.pro as unknown as Record<string, ExchangeClass | undefined>;
    const Pro = Object.hasOwn(ccxt.pro, id) ? proClasses[id] : undefined;
    return {
      id,
      label: capabilitiesOf(id).label === id ? (exchange.name ?? id) : capabilitiesOf(id).label,
      timeframes: Object.keys(exchange.timeframes ?? {}),
      websocket: Pro !== undefined && new Pro().has['watchOHLCV'] === true,
      needsPassword: exchange.requiredCredentials['password'] === true,
    };
  }

  async checkSymbols(
    id: string,
    apiOrigin: string | null,
    symbols: readonly string[],
  ): Promise<ReadonlyMap<string, string | null>> {
    await this.describe(id);
    const exchange = await this.client(id, apiOrigin);
    await exchange.loadMarkets();
    return new Map(symbols.map((s) => [s, spotMarketProblem(exchange, s)]));
  }

  async probe(connection: ConnectionConfig): Promise<ConnectionCheck[]> {
    const checks: ConnectionCheck[] = [];
    const where = connection.apiOrigin === null ? '' : ` at ${connection.apiOrigin}`;
    let exchange: Exchange;
    try {
      await this.describe(connection.exchange);
      exchange = await this.client(connection.exchange, connection.apiOrigin);
      await exchange.loadMarkets();
    } catch (error) {
      checks.push({
        check: 'markets',
        ok: false,
        detail: `${connection.exchange}${where}: ${text(error)}`,
      });
      return checks;
    }
    const spot = Object.values(exchange.markets ?? {}).filter((m) => m?.spot === true).length;
    checks.push({
      check: 'markets',
      ok: true,
      detail: `${spot} spot markets loaded from ${exchange.name ?? connection.exchange}${where}`,
    });
    const timeframe = connection.timeframes[0] as Timeframe;
    for (const symbol of connection.symbols) {
      const problem = spotMarketProblem(exchange, symbol);
      if (problem !== null) {
        checks.push({ check: symbol, ok: false, detail: problem });
        continue;
      }
      checks.push(await this.candleCheck(exchange, symbol, timeframe));
      checks.push(await this.tickerCheck(exchange, symbol));
    }
    const stream = (await this.describe(connection.exchange)).websocket;
    checks.push({
      check: 'websocket',
      ok: true,
      detail: stream
        ? 'candles and tickers stream over websocket (ccxt.pro)'
        : 'no websocket in ccxt: REST polling',
    });
    return checks;
  }

  private async candleCheck(
    exchange: Exchange,
    symbol: string,
    timeframe: Timeframe,
  ): Promise<ConnectionCheck> {
    const check = `${symbol} ${timeframe} candle`;
    try {
      const rows = await exchange.fetchOHLCV(symbol, timeframe, undefined, 2);
      const last = rows.at(-1);
      if (last === undefined)
        return { check, ok: false, detail: 'the exchange returned no candle' };
      const [openTime, , , , close] = last;
      return {
        check,
        ok: true,
        detail: `latest ${new Date(Number(openTime)).toISOString()} close ${String(close)}`,
      };
    } catch (error) {
      return { check, ok: false, detail: text(error) };
    }
  }

  private async tickerCheck(exchange: Exchange, symbol: string): Promise<ConnectionCheck> {
    const check = `${symbol} ticker`;
    try {
      const t = await exchange.fetchTicker(symbol);
      const bidAsk =
        typeof t.bid === 'number' && typeof t.ask === 'number'
          ? ` bid ${t.bid} ask ${t.ask} (spread ${spreadBps({ bid: t.bid, ask: t.ask }).toFixed(1)} bp)`
          : ' (no bid/ask in the ticker)';
      return { check, ok: typeof t.last === 'number', detail: `last ${String(t.last)}${bidAsk}` };
    } catch (error) {
      return { check, ok: false, detail: text(error) };
    }
  }

  private client(id: string, apiOrigin: string | null): Promise<Exchange> {
    return createCcxtExchange(id, {
      apiOrigin: apiOrigin ?? undefined,
      timeoutMs: this.options.timeoutMs ?? 10_000,
    });
  }
}

function text(error: unknown): string {
  const message =
    error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}
