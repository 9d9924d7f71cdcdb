import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { decimal, exchangeInfo, streamMessage } from './binance-payloads';
import type { Candle } from '../../src-shared/domain/candle';
import { TIMEFRAME_MS, type Timeframe } from '../../src-shared/domain/candle';

/** One market the local exchange serves, with its candle history (from the shared files). */
export interface LocalMarket {
  readonly base: string;
  readonly quote: string;
  /** Candles per Binance interval name ('1m', '5m', '1h', ...). */
  readonly candles: Partial<Record<Timeframe, readonly Candle[]>>;
}

/** A fault the server injects into the next matching request instead of answering it. */
export type Fault =
  | { readonly kind: 'status'; readonly status: 429 | 418 | 500 | 502 | 503 | 504 }
  | { readonly kind: 'malformed-json' }
  /** Accept the request and never answer: the client's timeout fires. */
  | { readonly kind: 'hang' }
  /** Send headers and half a body, then cut the connection. */
  | { readonly kind: 'drop' };

export interface LoggedRequest {
  readonly path: string;
  readonly query: Record<string, string>;
  readonly answered: string;
}

/**
 * A local exchange on 127.0.0.1 speaking Binance's public spot REST API (exchangeInfo, klines,
 * ticker/24hr, time) and its market streams over websocket (SUBSCRIBE, kline, miniTicker),
 * with message shapes as Binance sends them, built from real candle
 * files. Its "now" comes from the test's clock: klines include the still-open candle, as
 * Binance does. Faults are queued per endpoint so a test can script 429s, bans, 5xx,
 * malformed JSON, timeouts and dropped connections, then recovery.
 */
export class LocalBinanceServer {
  readonly requests: LoggedRequest[] = [];
  private readonly faults: Array<{ path: string; fault: Fault }> = [];
  private readonly sockets = new Set<Socket>();
  private readonly hung: ServerResponse[] = [];
  private server: Server | undefined;
  private origin = '';
  private frozenAt: number | undefined;
  private wss: WebSocketServer | undefined;
  /** Stream subscriptions per websocket client, e.g. `btcusdt@kline_1m`, `btcusdt@miniTicker`. */
  private readonly streams = new Map<WebSocket, Set<string>>();
  readonly subscribed: string[] = [];

  constructor(
    private readonly markets: readonly LocalMarket[],
    private readonly clock: () => number,
  ) {}

  /** Freezes the exchange's view of time: it keeps answering, but nothing new happens. */
  freeze(): void {
    this.frozenAt = this.clock();
  }

  unfreeze(): void {
    this.frozenAt = undefined;
  }

  private now(): number {
    return this.frozenAt ?? this.clock();
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket) => this.onWebSocket(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.origin;
  }

  get url(): string {
    return this.origin;
  }

  async stop(): Promise<void> {
    this.dropWebSockets();
    this.wss?.close();
    for (const res of this.hung.splice(0)) res.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server === undefined ? resolve() : this.server.close(() => resolve()),
    );
  }

  /** Websocket clients currently connected. */
  webSocketClients(): number {
    return this.streams.size;
  }

  /** Cuts every websocket connection without a close handshake (a dropped connection). */
  dropWebSockets(): void {
    for (const socket of this.streams.keys()) socket.terminate();
    this.streams.clear();
  }

  /**
   * Pushes what Binance streams at this moment: the forming kline of every subscribed
   * `<symbol>@kline_<interval>` stream and a `<symbol>@miniTicker` update.
   */
  publish(): void {
    const now = this.now();
    for (const [socket, streams] of this.streams) {
      for (const stream of streams) {
        const message = streamMessage(this.markets, stream, now);
        if (message !== undefined) socket.send(JSON.stringify(message));
      }
    }
  }

  private onWebSocket(socket: WebSocket): void {
    this.streams.set(socket, new Set());
    socket.on('close', () => this.streams.delete(socket));
    socket.on('message', (data) => {
      const request = JSON.parse(String(data)) as {
        method?: string;
        params?: string[];
        id?: number;
      };
      if (request.method === 'SUBSCRIBE') {
        for (const stream of request.params ?? []) {
          this.streams.get(socket)?.add(stream);
          this.subscribed.push(stream);
        }
      } else if (request.method === 'UNSUBSCRIBE') {
        for (const stream of request.params ?? []) this.streams.get(socket)?.delete(stream);
      }
      socket.send(JSON.stringify({ result: null, id: request.id }));
    });
  }

  /** Queues `count` faults for requests whose path ends with `path` (e.g. '/klines'). */
  fail(path: string, fault: Fault, count = 1): void {
    for (let i = 0; i < count; i += 1) this.faults.push({ path, fault });
  }

  pendingFaults(): number {
    return this.faults.length;
  }

  /** Requests for one endpoint, by path suffix. */
  calls(path: string): LoggedRequest[] {
    return this.requests.filter((r) => r.path.endsWith(path));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.origin);
    const query = Object.fromEntries(url.searchParams.entries());
    const index = this.faults.findIndex((f) => url.pathname.endsWith(f.path));
    if (index !== -1) {
      const [{ fault }] = this.faults.splice(index, 1) as [{ path: string; fault: Fault }];
      this.requests.push({
        path: url.pathname,
        query,
        answered: fault.kind === 'status' ? String(fault.status) : fault.kind,
      });
      this.injectFault(res, fault);
      return;
    }
    let status = 200;
    let body: unknown;
    switch (url.pathname) {
      case '/api/v3/exchangeInfo':
        body = exchangeInfo(this.markets, this.now());
        break;
      case '/api/v3/time':
        body = { serverTime: this.now() };
        break;
      case '/api/v3/klines':
        [status, body] = this.klines(query);
        break;
      case '/api/v3/ticker/24hr':
        [status, body] = this.ticker(query);
        break;
      default:
        status = 404;
        body = { code: -1000, msg: `local exchange: no route ${url.pathname}` };
    }
    this.requests.push({ path: url.pathname, query, answered: String(status) });
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify(body));
  }

  private injectFault(res: ServerResponse, fault: Fault): void {
    switch (fault.kind) {
      case 'status': {
        const msg =
          fault.status === 429
            ? {
                code: -1003,
                msg: 'Too many requests; current limit of IP is 6000 requests per minute.',
              }
            : fault.status === 418
              ? { code: -1003, msg: 'Way too many requests; IP banned until 1700000000000.' }
              : undefined;
        res.writeHead(fault.status, {
          'content-type': msg === undefined ? 'text/html' : 'application/json;charset=UTF-8',
          ...(fault.status === 429 || fault.status === 418 ? { 'retry-after': '1' } : {}),
        });
        res.end(
          msg === undefined
            ? `<html><body><h1>${fault.status} Server Error</h1></body></html>`
            : JSON.stringify(msg),
        );
        return;
      }
      case 'malformed-json':
        res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
        res.end('[[1640991660000,"46319.0","46385.0",');
        return;
      case 'hang':
        this.hung.push(res);
        return;
      case 'drop':
        res.writeHead(200, {
          'content-type': 'application/json;charset=UTF-8',
          'content-length': '4096',
        });
        res.write('[[1640991660000,"46319.00000000"');
        setImmediate(() => res.socket?.destroy());
        return;
    }
  }

  private market(symbol: string | undefined): LocalMarket | undefined {
    return this.markets.find((m) => `${m.base}${m.quote}` === symbol);
  }

  /** Binance klines: candles opened at or before now (the last one may still be open). */
  private klines(query: Record<string, string>): [number, unknown] {
    const market = this.market(query['symbol']);
    if (market === undefined) return [400, { code: -1121, msg: 'Invalid symbol.' }];
    const interval = query['interval'] as Timeframe;
    const candles = market.candles[interval];
    if (candles === undefined) return [400, { code: -1120, msg: 'Invalid interval.' }];
    const limit = Math.min(Number(query['limit'] ?? 500), 1000);
    const now = this.now();
    const start = query['startTime'] === undefined ? undefined : Number(query['startTime']);
    const end = query['endTime'] === undefined ? now : Math.min(Number(query['endTime']), now);
    let rows = candles.filter(
      (c) => c.openTime <= end && (start === undefined || c.openTime >= start),
    );
    rows = start === undefined ? rows.slice(-limit) : rows.slice(0, limit);
    const tf = TIMEFRAME_MS[interval];
    return [
      200,
      rows.map((c) => [
        c.openTime,
        decimal(c.open),
        decimal(c.high),
        decimal(c.low),
        decimal(c.close),
        decimal(c.volume),
        c.openTime + tf - 1,
        decimal(c.volume * c.close),
        100,
        decimal(c.volume / 2),
        decimal((c.volume / 2) * c.close),
        '0',
      ]),
    ];
  }

  private ticker(query: Record<string, string>): [number, unknown] {
    const market = this.market(query['symbol']);
    const series = market?.candles['1m'] ?? market?.candles['5m'] ?? market?.candles['1h'];
    if (market === undefined || series === undefined)
      return [400, { code: -1121, msg: 'Invalid symbol.' }];
    const now = this.now();
    const current = [...series].reverse().find((c) => c.openTime <= now) ?? series[0];
    if (current === undefined) return [400, { code: -1121, msg: 'Invalid symbol.' }];
    return [
      200,
      {
        symbol: `${market.base}${market.quote}`,
        priceChange: '0.00000000',
        priceChangePercent: '0.000',
        weightedAvgPrice: decimal(current.close),
        prevClosePrice: decimal(current.open),
        lastPrice: decimal(current.close),
        lastQty: '0.01000000',
        bidPrice: decimal(current.close),
        bidQty: '1.00000000',
        askPrice: decimal(current.close),
        askQty: '1.00000000',
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
      },
    ];
  }
}
