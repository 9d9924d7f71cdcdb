import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../src-shared/domain/candle';
import { decimal, minNotionalText, tickText, type LocalMarket } from './local-exchange-server';

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
          tickSize: tickText(m),
        },
        {
          filterType: 'LOT_SIZE',
          minQty: '0.00001000',
          maxQty: '9000.00000000',
          stepSize: '0.00001000',
        },
        {
          filterType: 'NOTIONAL',
          minNotional: minNotionalText(m),
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

/** Size shown at the best bid and at the best ask, in base units. */
export const TOP_OF_BOOK_QTY = 1;

/** One row of `GET /api/v3/klines`. */
export function klineRow(c: Candle, tfMs: number): unknown[] {
  return [
    c.openTime,
    decimal(c.open),
    decimal(c.high),
    decimal(c.low),
    decimal(c.close),
    decimal(c.volume),
    c.openTime + tfMs - 1,
    decimal(c.volume * c.close),
    100,
    decimal(c.volume / 2),
    decimal((c.volume / 2) * c.close),
    '0',
  ];
}

/** `GET /api/v3/ticker/24hr` for one symbol (the window is the trading day so far). */
export function ticker24hr(
  market: LocalMarket,
  current: Candle,
  quote: { bid: number; ask: number },
  now: number,
): unknown {
  return {
    symbol: `${market.base}${market.quote}`,
    priceChange: '0.00000000',
    priceChangePercent: '0.000',
    weightedAvgPrice: decimal(current.close),
    prevClosePrice: decimal(current.open),
    lastPrice: decimal(current.close),
    lastQty: '0.01000000',
    bidPrice: decimal(quote.bid),
    bidQty: decimal(TOP_OF_BOOK_QTY),
    askPrice: decimal(quote.ask),
    askQty: decimal(TOP_OF_BOOK_QTY),
    openPrice: decimal(current.open),
    highPrice: decimal(current.high),
    lowPrice: decimal(current.low),
    volume: decimal(current.volume),
    quoteVolume: decimal(current.volume * current.close),
    openTime: now - 86_400_000,
    closeTime: now,
    firstId: 1,
    lastId: 2,
    count: 2,
  };
}

/**
 * One Binance market-stream event for `<symbol>@kline_<interval>`, `@miniTicker` or `@ticker`
 * (the 24hrTicker event, which carries the best bid and ask).
 */
export function streamMessage(
  market: LocalMarket,
  channel: string,
  now: number,
  current: Candle | undefined,
  quote: { bid: number; ask: number } | undefined,
): unknown {
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
  if (current === undefined) return undefined;
  const common = {
    E: now,
    s: symbol,
    c: decimal(current.close),
    o: decimal(current.open),
    h: decimal(current.high),
    l: decimal(current.low),
    v: decimal(current.volume),
    q: decimal(current.volume * current.close),
  };
  if (channel === 'miniTicker') return { e: '24hrMiniTicker', ...common };
  if (channel === 'ticker' && quote !== undefined) {
    return {
      e: '24hrTicker',
      ...common,
      p: '0.00000000',
      P: '0.000',
      w: decimal(current.close),
      x: decimal(current.open),
      Q: '0.01000000',
      b: decimal(quote.bid),
      B: decimal(TOP_OF_BOOK_QTY),
      a: decimal(quote.ask),
      A: decimal(TOP_OF_BOOK_QTY),
      O: now - 86_400_000,
      C: now,
      F: 1,
      L: 2,
      n: 2,
    };
  }
  return undefined;
}

/** `<symbol>@bookTicker`: best bid/ask; spot book tickers carry no event time. */
export function bookTickerMessage(
  market: LocalMarket,
  quote: { bid: number; ask: number },
  now: number,
): unknown {
  return {
    u: now,
    s: `${market.base}${market.quote}`,
    b: decimal(quote.bid),
    B: decimal(TOP_OF_BOOK_QTY),
    a: decimal(quote.ask),
    A: decimal(TOP_OF_BOOK_QTY),
  };
}

/** What a key may do, as `GET /sapi/v1/account/apiRestrictions` reports it. */
export interface BinanceKeyRestrictions {
  readonly ipRestrict: boolean;
  readonly enableReading: boolean;
  readonly enableSpotAndMarginTrading: boolean;
  readonly enableWithdrawals: boolean;
  readonly enableInternalTransfer: boolean;
  readonly permitsUniversalTransfer: boolean;
  readonly enableMargin: boolean;
  readonly enableFutures: boolean;
  readonly enableVanillaOptions: boolean;
}

/** A trade-only key bound to an IP allowlist: what a careful trader creates. */
export const TRADE_ONLY_KEY: BinanceKeyRestrictions = {
  ipRestrict: true,
  enableReading: true,
  enableSpotAndMarginTrading: true,
  enableWithdrawals: false,
  enableInternalTransfer: false,
  permitsUniversalTransfer: false,
  enableMargin: false,
  enableFutures: false,
  enableVanillaOptions: false,
};

export function apiRestrictions(restrictions: Partial<BinanceKeyRestrictions>): unknown {
  return {
    ...TRADE_ONLY_KEY,
    ...restrictions,
    createTime: 1698645219000,
    enableFixApiTrade: false,
    enableFixReadOnly: true,
    enablePortfolioMarginTrading: false,
  };
}
