import { TIMEFRAME_MS, type Timeframe } from '../../src-shared/domain/candle';
import type { LocalMarket } from './local-binance-server';

// Binance response and stream payloads, shaped as Binance sends them, for the local exchange.

/** Binance spot `GET /api/v3/exchangeInfo`, one TRADING symbol per market. */
export function exchangeInfo(markets: readonly LocalMarket[], now: number): unknown {
  return {
    timezone: 'UTC',
    serverTime: now,
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
    ],
    exchangeFilters: [],
    symbols: markets.map((m) => ({
      symbol: `${m.base}${m.quote}`,
      status: 'TRADING',
      baseAsset: m.base,
      baseAssetPrecision: 8,
      quoteAsset: m.quote,
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      baseCommissionPrecision: 8,
      quoteCommissionPrecision: 8,
      orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
      icebergAllowed: true,
      ocoAllowed: true,
      otoAllowed: true,
      quoteOrderQtyMarketAllowed: true,
      allowTrailingStop: true,
      cancelReplaceAllowed: true,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      filters: [
        {
          filterType: 'PRICE_FILTER',
          minPrice: '0.01000000',
          maxPrice: '1000000.00000000',
          tickSize: '0.01000000',
        },
        {
          filterType: 'LOT_SIZE',
          minQty: '0.00001000',
          maxQty: '9000.00000000',
          stepSize: '0.00001000',
        },
        {
          filterType: 'NOTIONAL',
          minNotional: '5.00000000',
          applyMinToMarket: true,
          maxNotional: '9000000.00000000',
          applyMaxToMarket: false,
          avgPriceMins: 5,
        },
      ],
      permissions: [],
      permissionSets: [['SPOT']],
      defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
      allowedSelfTradePreventionModes: ['EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
    })),
  };
}

/** One Binance market-stream event for `<symbol>@kline_<interval>` or `<symbol>@miniTicker`. */
export function streamMessage(
  markets: readonly LocalMarket[],
  stream: string,
  now: number,
): unknown {
  const [symbolLower, channel] = stream.split('@') as [string, string];
  const market = markets.find((m) => `${m.base}${m.quote}`.toLowerCase() === symbolLower);
  if (market === undefined) return undefined;
  const symbol = `${market.base}${market.quote}`;
  if (channel.startsWith('kline_')) {
    const interval = channel.slice('kline_'.length) as Timeframe;
    const tf = TIMEFRAME_MS[interval];
    const open = now - (now % tf);
    const c = market.candles[interval]?.find((x) => x.openTime === open);
    if (c === undefined) return undefined;
    return {
      e: 'kline',
      E: now,
      s: symbol,
      k: {
        t: c.openTime,
        T: c.openTime + tf - 1,
        s: symbol,
        i: interval,
        f: 1,
        L: 2,
        o: decimal(c.open),
        c: decimal(c.close),
        h: decimal(c.high),
        l: decimal(c.low),
        v: decimal(c.volume),
        n: 2,
        x: false,
        q: decimal(c.volume * c.close),
        V: '0',
        Q: '0',
        B: '0',
      },
    };
  }
  if (channel === 'miniTicker') {
    const series = market.candles['1m'] ?? market.candles['5m'] ?? market.candles['1h'] ?? [];
    const c = [...series].reverse().find((x) => x.openTime <= now);
    if (c === undefined) return undefined;
    return {
      e: '24hrMiniTicker',
      E: now,
      s: symbol,
      c: decimal(c.close),
      o: decimal(c.open),
      h: decimal(c.high),
      l: decimal(c.low),
      v: decimal(c.volume),
      q: decimal(c.volume * c.close),
    };
  }
  return undefined;
}

/** Binance prints 8 decimals; fall back to the shortest form when 8 would lose digits. */
export function decimal(value: number): string {
  const fixed = value.toFixed(8);
  return Number(fixed) === value ? fixed : String(value);
}
