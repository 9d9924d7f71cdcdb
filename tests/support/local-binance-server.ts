import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../src-shared/domain/candle';
import { hmacMatches, privateRoute, verifySigned } from './binance-private-api';
import { executionReport } from './binance-user-stream';
import { SpotAccount, units, type SpotMarketRules } from './binance-spot-account';
import {
  apiRestrictions,
  bookTickerMessage,
  exchangeInfo,
  klineRow,
  streamMessage,
  ticker24hr,
  TOP_OF_BOOK_QTY,
  type BinanceKeyRestrictions,
} from './binance-payloads';
import {
  decimal,
  htmlErrorPage,
  minNotionalText,
  tickText,
  LocalExchangeServer,
  type ExchangeReply,
  type ExchangeRequest,
  type LocalMarket,
  type StreamClient,
} from './local-exchange-server';

export type { Fault, LocalMarket, LoggedRequest } from './local-exchange-server';

/** An API key the local Binance knows, with the restrictions its apiRestrictions reports. */
export interface BinanceApiKey {
  readonly apiKey: string;
  readonly secret: string;
  readonly restrictions?: Partial<BinanceKeyRestrictions>;
}

/** The signed trading endpoints (paths under /api/v3 that need a key). */
const PRIVATE_PATHS = new Set([
  '/api/v3/order',
  '/api/v3/openOrders',
  '/api/v3/myTrades',
  '/api/v3/account',
  '/api/v3/orderList/oco',
]);

/**
 * A local exchange on 127.0.0.1 speaking Binance's spot API: public REST (exchangeInfo, klines,
 * ticker/24hr, ticker/bookTicker, time), market streams over websocket (SUBSCRIBE; kline,
 * miniTicker, ticker, bookTicker), and the signed `GET /sapi/v1/account/apiRestrictions` with
 * Binance's real rules: X-MBX-APIKEY, an HMAC-SHA256 hex signature over the query string,
 * `timestamp` within `recvWindow` of the server's time and at most 1 s ahead of it, with
 * Binance's error codes. Message shapes are Binance's, built from real candle files. Klines
 * include the still-open candle, as Binance does.
 */
export class LocalBinanceServer extends LocalExchangeServer {
  private readonly keys = new Map<string, BinanceApiKey>();
  private readonly prices = new Map<string, number>();
  private nextSubscription = 0;
  /** The trading account every key of this exchange trades in. */
  readonly account = new SpotAccount(
    (symbol) => this.rulesOf(symbol),
    () => this.now(),
  );

  constructor(...args: ConstructorParameters<typeof LocalExchangeServer>) {
    super(...args);
    // Every account change goes to the user-data streams that subscribed.
    this.account.onEvent((event) => {
      if (event.kind !== 'execution') return;
      const report = executionReport(event.order, event.exec, event.trade, this.now());
      for (const client of this.clients.values()) {
        for (const stream of client.streams) {
          if (!stream.startsWith('user:')) continue;
          client.socket.send(
            JSON.stringify({ subscriptionId: Number(stream.slice(5)), event: report }),
          );
        }
      }
    });
  }

  /** Registers an API key (as if created on the exchange's API management page). */
  addApiKey(key: BinanceApiKey): void {
    this.keys.set(key.apiKey, key);
  }

  /**
   * Moves a market's price (its quotes sit around it): resting orders that the new quote
   * reaches fill, stops that it crosses trigger.
   */
  setPrice(base: string, quote: string, price: number): void {
    this.prices.set(`${base}/${quote}`, price);
    const market = this.listed().find((m) => m.base === base && m.quote === quote);
    if (market === undefined) throw new Error(`no market ${base}/${quote}`);
    const q = this.quoteUnits(`${base}${quote}`);
    if (q !== undefined) this.account.tick(`${base}${quote}`, q);
  }

  protected override priceOverride(market: LocalMarket): number | undefined {
    return this.prices.get(`${market.base}/${market.quote}`);
  }

  /**
   * The current candle as the tickers report it: a price moved with setPrice is the last
   * trade (their last price), as the quotes around it are.
   */
  private tradedCandle(market: LocalMarket, now: number): Candle | undefined {
    const current = this.currentCandle(market, now);
    const price = this.priceOverride(market);
    if (current === undefined || price === undefined) return current;
    return {
      ...current,
      close: price,
      high: Math.max(current.high, price),
      low: Math.min(current.low, price),
    };
  }

  /** The best bid/ask of a Binance symbol id, in 1e-8 units. */
  quoteUnits(symbol: string): { bid: bigint; ask: bigint } | undefined {
    const market = this.market(symbol);
    const quote = market === undefined ? undefined : this.quoteOf(market, this.now());
    if (quote === undefined) return undefined;
    return { bid: units(quote.bid.toFixed(8)), ask: units(quote.ask.toFixed(8)) };
  }

  private rulesOf(symbol: string): SpotMarketRules | undefined {
    const market = this.market(symbol);
    if (market === undefined) return undefined;
    return {
      symbol,
      base: market.base,
      quote: market.quote,
      tick: units(tickText(market)),
      step: units('0.00001'),
      minQty: units('0.00001'),
      minNotional: units(minNotionalText(market)),
    };
  }

  protected route(request: ExchangeRequest): ExchangeReply {
    const now = this.now();
    if (PRIVATE_PATHS.has(request.path)) {
      const signed = verifySigned(request, this.keys, this.signClock());
      if ('error' in signed) return signed.error;
      return privateRoute(
        { account: this.account, quote: (s) => this.quoteUnits(s), now: () => this.now() },
        request.method,
        request.path,
        signed.params,
      );
    }
    switch (request.path) {
      case '/api/v3/exchangeInfo':
        return [200, exchangeInfo(this.listed(), now)];
      case '/api/v3/time':
        return [200, { serverTime: now }];
      case '/api/v3/klines':
        return this.klines(request.query);
      case '/api/v3/ticker/24hr':
        return this.ticker(request.query, 'full');
      case '/api/v3/ticker/bookTicker':
        return this.ticker(request.query, 'book');
      case '/sapi/v1/account/apiRestrictions': {
        const signed = verifySigned(request, this.keys, this.signClock());
        if ('error' in signed) return signed.error;
        return [200, apiRestrictions(signed.key.restrictions ?? {})];
      }
      default:
        return [404, { code: -1000, msg: `local exchange: no route ${request.path}` }];
    }
  }

  protected onStreamFrame(client: StreamClient, text: string): void {
    if (client.path.startsWith('/ws-api/')) {
      this.onWsApiFrame(client, text);
      return;
    }
    const request = JSON.parse(text) as { method?: string; params?: string[]; id?: number };
    if (request.method === 'SUBSCRIBE') {
      for (const stream of request.params ?? []) {
        client.streams.add(stream);
        this.subscribed.push(stream);
      }
    } else if (request.method === 'UNSUBSCRIBE') {
      for (const stream of request.params ?? []) client.streams.delete(stream);
    }
    client.socket.send(JSON.stringify({ result: null, id: request.id }));
  }

  protected streamMessages(client: StreamClient, stream: string, now: number): unknown[] {
    const [symbolLower, channel] = stream.split('@') as [string, string];
    const market = this.listed().find((m) => `${m.base}${m.quote}`.toLowerCase() === symbolLower);
    if (market === undefined) return [];
    if (channel === 'bookTicker') {
      // Binance pushes a book ticker when the best bid or ask changes, not on a timer.
      const quote = this.quoteOf(market, now);
      const key = JSON.stringify(quote);
      if (quote === undefined || client.lastSent.get(stream) === key) return [];
      client.lastSent.set(stream, key);
      return [bookTickerMessage(market, quote, now)];
    }
    const current = this.tradedCandle(market, now);
    const message = streamMessage(market, channel, now, current, this.quoteOf(market, now));
    return message === undefined ? [] : [message];
  }

  protected faultBody(status: number): { contentType: string; body: string } {
    if (status === 429) {
      return {
        contentType: 'application/json;charset=UTF-8',
        body: JSON.stringify({
          code: -1003,
          msg: 'Too many requests; current limit of IP is 6000 requests per minute.',
        }),
      };
    }
    if (status === 418) {
      return {
        contentType: 'application/json;charset=UTF-8',
        body: JSON.stringify({
          code: -1003,
          msg: 'Way too many requests; IP banned until 1700000000000.',
        }),
      };
    }
    return htmlErrorPage(status);
  }

  /**
   * The WebSocket API (ws-api/v3) as ccxt uses it for spot user data:
   * `userDataStream.subscribe.signature` with apiKey, timestamp and an HMAC-SHA256 signature
   * over the sorted params; the account's execution reports then arrive wrapped in
   * `{subscriptionId, event}`.
   */
  private onWsApiFrame(client: StreamClient, text: string): void {
    const request = JSON.parse(text) as {
      id?: string | number;
      method?: string;
      params?: Record<string, string | number>;
    };
    const reply = (status: number, body: object): void =>
      client.socket.send(JSON.stringify({ id: request.id, status, ...body }));
    if (request.method !== 'userDataStream.subscribe.signature') {
      reply(400, {
        error: { code: -1020, msg: `local exchange: no ws-api method ${request.method}` },
      });
      return;
    }
    const params = request.params ?? {};
    const key = this.keys.get(String(params['apiKey'] ?? ''));
    if (key === undefined) {
      reply(401, {
        error: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
      });
      return;
    }
    const payload = Object.keys(params)
      .filter((k) => k !== 'signature')
      .sort()
      .map((k) => `${k}=${String(params[k])}`)
      .join('&');
    if (!hmacMatches(key.secret, payload, String(params['signature'] ?? ''))) {
      reply(400, { error: { code: -1022, msg: 'Signature for this request is not valid.' } });
      return;
    }
    const id = this.nextSubscription++;
    client.streams.add(`user:${id}`);
    this.subscribed.push('userDataStream');
    reply(200, { result: { subscriptionId: id } });
  }

  /** User-data subscribers connected now. */
  userStreamClients(): number {
    return [...this.clients.values()].filter((c) =>
      [...c.streams].some((s) => s.startsWith('user:')),
    ).length;
  }

  private market(symbol: string | undefined): LocalMarket | undefined {
    return this.listed().find((m) => `${m.base}${m.quote}` === symbol);
  }

  /** Binance klines: candles opened at or before now (the last one may still be open). */
  private klines(query: Record<string, string>): ExchangeReply {
    const market = this.market(query['symbol']);
    if (market === undefined) return [400, { code: -1121, msg: 'Invalid symbol.' }];
    const interval = query['interval'] as Timeframe;
    if (market.candles[interval] === undefined) {
      return [400, { code: -1120, msg: 'Invalid interval.' }];
    }
    const limit = Math.min(Number(query['limit'] ?? 500), 1000);
    const now = this.now();
    const start = query['startTime'] === undefined ? undefined : Number(query['startTime']);
    const end = query['endTime'] === undefined ? now : Math.min(Number(query['endTime']), now);
    let rows = this.candlesUpTo(market, interval, end).filter(
      (c) => start === undefined || c.openTime >= start,
    );
    rows = start === undefined ? rows.slice(-limit) : rows.slice(0, limit);
    return [200, rows.map((c) => klineRow(c, TIMEFRAME_MS[interval]))];
  }

  private ticker(query: Record<string, string>, kind: 'full' | 'book'): ExchangeReply {
    const market = this.market(query['symbol']);
    const now = this.now();
    const current = market === undefined ? undefined : this.tradedCandle(market, now);
    const quote = market === undefined ? undefined : this.quoteOf(market, now);
    if (market === undefined || current === undefined || quote === undefined) {
      return [400, { code: -1121, msg: 'Invalid symbol.' }];
    }
    if (kind === 'book') {
      return [
        200,
        {
          symbol: `${market.base}${market.quote}`,
          bidPrice: decimal(quote.bid),
          bidQty: decimal(TOP_OF_BOOK_QTY),
          askPrice: decimal(quote.ask),
          askQty: decimal(TOP_OF_BOOK_QTY),
        },
      ];
    }
    return [200, ticker24hr(market, current, quote, now)];
  }
}
