import { createHmac, timingSafeEqual } from 'node:crypto';
import { TIMEFRAME_MS, type Timeframe } from '../../src-shared/domain/candle';
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

/** Binance's limit: a request's recvWindow may not exceed 60 s. */
const MAX_RECV_WINDOW = 60_000;

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

  /** Registers an API key (as if created on the exchange's API management page). */
  addApiKey(key: BinanceApiKey): void {
    this.keys.set(key.apiKey, key);
  }

  protected route(request: ExchangeRequest): ExchangeReply {
    const now = this.now();
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
        const signed = this.verifySigned(request);
        if ('error' in signed) return signed.error;
        return [200, apiRestrictions(signed.key.restrictions ?? {})];
      }
      default:
        return [404, { code: -1000, msg: `local exchange: no route ${request.path}` }];
    }
  }

  protected onStreamFrame(client: StreamClient, text: string): void {
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
    const current = this.currentCandle(market, now);
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

  /** Binance's SIGNED endpoint security, in the order Binance applies it. */
  private verifySigned(
    request: ExchangeRequest,
  ): { key: BinanceApiKey } | { error: ExchangeReply } {
    const header = request.headers['x-mbx-apikey'];
    const apiKey = typeof header === 'string' ? header : undefined;
    if (apiKey === undefined || !/^[A-Za-z0-9]{8,128}$/.test(apiKey)) {
      return { error: [401, { code: -2014, msg: 'API-key format invalid.' }] };
    }
    const key = this.keys.get(apiKey);
    if (key === undefined) {
      return {
        error: [401, { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' }],
      };
    }
    const timestamp = Number(request.query['timestamp']);
    if (request.query['timestamp'] === undefined || !Number.isInteger(timestamp)) {
      return {
        error: [
          400,
          {
            code: -1102,
            msg: "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.",
          },
        ],
      };
    }
    const recvWindow = Number(request.query['recvWindow'] ?? 5000);
    if (!Number.isFinite(recvWindow) || recvWindow > MAX_RECV_WINDOW) {
      return { error: [400, { code: -1131, msg: 'recvWindow must be less than 60000' }] };
    }
    const match = /^(.*)&signature=([0-9a-fA-F]+)$/.exec(request.rawQuery);
    const expected = createHmac('sha256', key.secret)
      .update(match?.[1] ?? '')
      .digest();
    const given = Buffer.from(match?.[2] ?? '', 'hex');
    if (match === null || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { error: [400, { code: -1022, msg: 'Signature for this request is not valid.' }] };
    }
    const serverTime = this.signClock();
    if (timestamp > serverTime + 1000) {
      return {
        error: [
          400,
          { code: -1021, msg: "Timestamp for this request was 1000ms ahead of the server's time." },
        ],
      };
    }
    if (serverTime - timestamp > recvWindow) {
      return {
        error: [
          400,
          { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' },
        ],
      };
    }
    return { key };
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
    const current = market === undefined ? undefined : this.currentCandle(market, now);
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
