import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Candle, Timeframe } from '../../src-shared/domain/candle';

/** One market a local exchange serves, with its candle history (from the shared files). */
export interface LocalMarket {
  readonly base: string;
  readonly quote: string;
  /** Candles per interval name ('1m', '5m', '1h', ...). */
  readonly candles: Partial<Record<Timeframe, readonly Candle[]>>;
}

/** A fault the server injects into the next matching request instead of answering it. */
export type Fault =
  | { readonly kind: 'status'; readonly status: 429 | 418 | 500 | 502 | 503 | 504 }
  | { readonly kind: 'malformed-json' }
  /** Answer 200 with this JSON instead (a body of the wrong shape). */
  | { readonly kind: 'json'; readonly body: unknown }
  /** Accept the request and never answer: the client's timeout fires. */
  | { readonly kind: 'hang' }
  /** Send headers and half a body, then cut the connection. */
  | { readonly kind: 'drop' }
  /**
   * The exchange processes the request (an order is placed), then the answer is lost: it
   * never comes (`hang`), comes as this HTTP status from a gateway, or as broken JSON.
   */
  | {
      readonly kind: 'process-then';
      readonly then: 'hang' | 'malformed-json' | 429 | 502 | 503 | 504;
    }
  /**
   * The request reaches the exchange but is taken in only when `release` settles (a slow
   * matching engine, a request stuck on the way): then it is processed and answered as usual.
   * With `answer: 'held'` it is processed on arrival and only its answer waits (the exchange's
   * stream reports the order long before the reply to its placement comes back). `arrived` is
   * called when it comes in and `answered` once its answer is sent, so a test acts while it is
   * in flight or right after, with no sleep.
   */
  /**
   * A matching-engine backlog: the gateway answers `status` at once (the client cannot tell
   * whether the order went through), and the exchange takes the request in only when `release`
   * settles — checked as of its arrival (signature, recvWindow), as the gateway checked it, then
   * processed: until then no query shows it. `taken` is called once it has been taken in.
   */
  | {
      readonly kind: 'backlog';
      readonly status: 502 | 503 | 504;
      readonly release: Promise<void>;
      readonly taken?: () => void;
    }
  | {
      readonly kind: 'hold';
      readonly release: Promise<void>;
      readonly answer?: 'held';
      readonly arrived?: () => void;
      readonly answered?: () => void;
    };

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The request body (a signed POST's form). */
  readonly body: string;
  readonly answered: string;
}

/** A request as an exchange module sees it: the raw query string is kept for signatures. */
export interface ExchangeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  /** The query exactly as sent, without the leading '?' ('' when none). */
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** An exchange's answer: HTTP status and a JSON body. */
export type ExchangeReply = readonly [status: number, body: unknown];

/** One websocket client: the path it connected to and the streams it subscribed. */
export interface StreamClient {
  readonly socket: WebSocket;
  readonly path: string;
  readonly streams: Set<string>;
  /** The last message sent per stream, for streams that push only on change. */
  readonly lastSent: Map<string, string>;
}

/** A spread around the close, for bid/ask quotes built from candles. */
export const DEFAULT_SPREAD_BPS = 4;

/**
 * The plumbing every local exchange shares: an HTTP + websocket server on 127.0.0.1, a request
 * log, scripted faults per endpoint, a clock for market data (the test's) and one for
 * signatures (the wall clock by default, as the real exchange checks request timestamps against
 * its own time), stream bookkeeping, and bid/ask quotes around each market's price. Exchange
 * modules (one per dialect) implement routes, stream messages and fault bodies; the next issue
 * adds private order endpoints and order state in the same modules.
 */
export abstract class LocalExchangeServer {
  readonly requests: LoggedRequest[] = [];
  /** Every stream name any client subscribed to, in order. */
  readonly subscribed: string[] = [];
  protected readonly clients = new Map<WebSocket, StreamClient>();
  private readonly faults: Array<{ path: string; fault: Fault; method?: string }> = [];
  private readonly sockets = new Set<Socket>();
  private readonly hung: ServerResponse[] = [];
  private readonly streamListeners = new Set<() => void>();
  private readonly spreads = new Map<string, number>();
  private readonly delisted = new Set<string>();
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private origin = '';
  private frozenAt: number | undefined;
  private chaosRule:
    | {
        rate: number;
        statuses: ReadonlyArray<429 | 500 | 502 | 503 | 504>;
        next: () => number;
        paths: RegExp;
      }
    | undefined;
  /** Requests the chaos rule failed. */
  chaosFailures = 0;

  constructor(
    protected readonly markets: readonly LocalMarket[],
    private readonly clock: () => number,
    /** The exchange's own wall clock, against which signed requests' timestamps are checked. */
    private readonly wallClock: () => number = Date.now,
  ) {}

  /** A request taken in from a backlog is checked as of its arrival (see the `backlog` fault). */
  private arrivedAt: number | undefined;

  /** The time signed requests' timestamps are checked against. */
  protected signClock(): number {
    return this.arrivedAt ?? this.wallClock();
  }

  /** Handles one REST request (faults are injected before this is called). */
  protected abstract route(request: ExchangeRequest): ExchangeReply | Promise<ExchangeReply>;
  /** Handles one websocket text frame from a client. */
  protected abstract onStreamFrame(client: StreamClient, text: string): void;
  /** What this exchange sends for a subscribed stream at `now`, if anything. */
  protected abstract streamMessages(client: StreamClient, stream: string, now: number): unknown[];
  /** The body and content type this exchange sends with a scripted error status. */
  protected abstract faultBody(status: number): { contentType: string; body: string };

  /** Freezes the exchange's view of time: it keeps answering, but nothing new happens. */
  freeze(): void {
    this.frozenAt = this.clock();
  }

  unfreeze(): void {
    this.frozenAt = undefined;
  }

  protected now(): number {
    return this.frozenAt ?? this.clock();
  }

  async start(): Promise<string> {
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (socket, request) => {
      const client: StreamClient = {
        socket,
        path: request.url ?? '/',
        streams: new Set(),
        lastSent: new Map(),
      };
      this.clients.set(socket, client);
      this.streamsChanged();
      socket.on('close', () => {
        this.clients.delete(socket);
        this.streamsChanged();
      });
      socket.on('message', (data) => {
        this.onStreamFrame(client, String(data));
        this.streamsChanged();
      });
    });
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

  /**
   * Calls `listener` after every websocket connect, close and frame received (a subscription):
   * tests wait on what the client did, not on a timer. Returns an unsubscribe.
   */
  onStreamChange(listener: () => void): () => void {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }

  private streamsChanged(): void {
    for (const listener of [...this.streamListeners]) listener();
  }

  /** Websocket clients currently connected. */
  webSocketClients(): number {
    return this.clients.size;
  }

  /** Cuts every websocket connection without a close handshake (a dropped connection). */
  dropWebSockets(): void {
    for (const socket of this.clients.keys()) socket.terminate();
    this.clients.clear();
  }

  /** Pushes what the exchange streams at this moment on every subscribed stream. */
  publish(): void {
    const now = this.now();
    for (const client of this.clients.values()) {
      for (const stream of client.streams) {
        for (const message of this.streamMessages(client, stream, now)) {
          client.socket.send(JSON.stringify(message));
        }
      }
    }
  }

  /**
   * Queues `count` faults for requests whose path ends with `path` (e.g. '/klines'), of one
   * HTTP method when given ('POST /api/v3/order' is a new order, 'GET' a query).
   */
  fail(path: string, fault: Fault, count = 1, method?: string): void {
    for (let i = 0; i < count; i += 1) this.faults.push({ path, fault, method });
  }

  /**
   * Fails a share of the requests whose path matches `paths` (seeded, so a run repeats): each
   * one is answered with one of `statuses` in turn, unprocessed. `rate` 0 turns it off.
   */
  chaos(
    rate: number,
    statuses: ReadonlyArray<429 | 500 | 502 | 503 | 504>,
    seed: number,
    paths: RegExp = /^\/api\//,
  ): void {
    let state = seed >>> 0 || 1;
    // xorshift32: a tiny seeded generator, so a failing run can be replayed exactly.
    const next = (): number => {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      return state / 2 ** 32;
    };
    this.chaosRule = rate > 0 ? { rate, statuses, next, paths } : undefined;
  }

  pendingFaults(): number {
    return this.faults.length;
  }

  /** The fault the next request to this path (and method) would get, if any. */
  faultFor(pathname: string, method = 'GET'): Fault | undefined {
    return this.faults.find(
      (f) => pathname.endsWith(f.path) && (f.method === undefined || f.method === method),
    )?.fault;
  }

  /** Requests for one endpoint, by path suffix. */
  calls(path: string): LoggedRequest[] {
    return this.requests.filter((r) => r.path.endsWith(path));
  }

  /** Sets a market's quoted spread (bid/ask around the price), in basis points. */
  setSpread(base: string, quote: string, bps: number): void {
    this.spreads.set(`${base}/${quote}`, bps);
  }

  /** Takes a market off the exchange: it leaves the market list and its endpoints refuse it. */
  delist(base: string, quote: string): void {
    this.delisted.add(`${base}/${quote}`);
  }

  /** The markets still listed. */
  protected listed(): LocalMarket[] {
    return this.markets.filter((m) => !this.delisted.has(`${m.base}/${m.quote}`));
  }

  /** The candle trading at `now` in the market's finest series (the live price). */
  protected currentCandle(market: LocalMarket, now: number): Candle | undefined {
    const series =
      market.candles['1m'] ??
      market.candles['5m'] ??
      market.candles['1h'] ??
      market.candles['4h'] ??
      market.candles['1d'] ??
      [];
    let found: Candle | undefined;
    for (const c of series) {
      if (c.openTime > now) break;
      found = c;
    }
    return found;
  }

  /**
   * Best bid and ask around the live price, with the market's spread, on the market's tick
   * grid (bid down, ask up), as an order book's best levels always are.
   */
  protected quoteOf(market: LocalMarket, now: number): { bid: number; ask: number } | undefined {
    const c = this.currentCandle(market, now);
    if (c === undefined) return undefined;
    const price = this.priceOverride(market) ?? c.close;
    const half = (this.spreads.get(`${market.base}/${market.quote}`) ?? DEFAULT_SPREAD_BPS) / 2e4;
    const tick = tickSizeOf(market);
    const places = Math.max(0, -Math.round(Math.log10(tick)));
    const onGrid = (v: number): number => Number(v.toFixed(places));
    return {
      bid: onGrid(Math.floor((price * (1 - half)) / tick + 1e-9) * tick),
      ask: onGrid(Math.ceil((price * (1 + half)) / tick - 1e-9) * tick),
    };
  }

  /** A price the test set for a market, replacing its candles' close in quotes. */
  protected priceOverride(_market: LocalMarket): number | undefined {
    return undefined;
  }

  /** Candles of one series opened at or before now (the last one may still be open). */
  protected candlesUpTo(market: LocalMarket, interval: Timeframe, now: number): Candle[] {
    return (market.candles[interval] ?? []).filter((c) => c.openTime <= now);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.answer(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
    });
  }

  private async answer(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const raw = req.url ?? '/';
    const url = new URL(raw, this.origin);
    const query = Object.fromEntries(url.searchParams.entries());
    const method = req.method ?? 'GET';
    const log = (answered: string): void => {
      this.requests.push({
        method,
        path: url.pathname,
        query,
        headers: req.headers,
        body,
        answered,
      });
    };
    const index = this.faults.findIndex(
      (f) => url.pathname.endsWith(f.path) && (f.method === undefined || f.method === method),
    );
    const question = raw.indexOf('?');
    const request = {
      method,
      path: url.pathname,
      query,
      rawQuery: question === -1 ? '' : raw.slice(question + 1),
      headers: req.headers,
      body,
    };
    const chaos = this.chaosRule;
    if (
      index === -1 &&
      chaos !== undefined &&
      chaos.paths.test(url.pathname) &&
      chaos.next() < chaos.rate
    ) {
      const status = chaos.statuses[this.chaosFailures % chaos.statuses.length] ?? 503;
      this.chaosFailures += 1;
      log(`chaos ${status}`);
      this.injectFault(res, { kind: 'status', status });
      return;
    }
    if (index !== -1) {
      const [{ fault }] = this.faults.splice(index, 1) as [{ path: string; fault: Fault }];
      if (fault.kind === 'hold') {
        fault.arrived?.();
        const processed = fault.answer === 'held' ? await this.route(request) : null;
        await fault.release;
        const [status, reply] = processed ?? (await this.route(request));
        log(`held, then ${status}`);
        res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
        res.end(JSON.stringify(reply));
        fault.answered?.();
        return;
      }
      if (fault.kind === 'backlog') {
        const arrived = this.wallClock();
        log(`backlog, answered ${fault.status}`);
        this.injectFault(res, { kind: 'status', status: fault.status });
        await fault.release;
        this.arrivedAt = arrived;
        let taking: ExchangeReply | Promise<ExchangeReply>;
        try {
          taking = this.route(request); // checks the signature synchronously, as of arrival
        } finally {
          this.arrivedAt = undefined;
        }
        await taking;
        fault.taken?.();
        return;
      }
      if (fault.kind === 'process-then') {
        await this.route(request);
        log(`processed, then ${fault.then}`);
        if (fault.then === 'hang') this.hung.push(res);
        else if (fault.then === 'malformed-json') this.injectFault(res, { kind: 'malformed-json' });
        else this.injectFault(res, { kind: 'status', status: fault.then });
        return;
      }
      log(fault.kind === 'status' ? String(fault.status) : fault.kind);
      this.injectFault(res, fault);
      return;
    }
    const [status, reply] = await this.route(request);
    log(String(status));
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
    res.end(JSON.stringify(reply));
  }

  private injectFault(res: ServerResponse, fault: Fault): void {
    switch (fault.kind) {
      case 'status': {
        const { contentType, body } = this.faultBody(fault.status);
        res.writeHead(fault.status, {
          'content-type': contentType,
          ...(fault.status === 429 || fault.status === 418 ? { 'retry-after': '1' } : {}),
        });
        res.end(body);
        return;
      }
      case 'malformed-json':
        res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
        res.end('[[1640991660000,"46319.0","46385.0",');
        return;
      case 'json':
        res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
        res.end(JSON.stringify(fault.body));
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
}

/**
 * A market's price increment: about a millionth of its price, as a power of ten (BTC/USDT at
 * 6,500: 0.01; ETH/BTC at 0.07: 0.0000001). The market lists it and quotes sit on it.
 */
export function tickSizeOf(market: LocalMarket): number {
  const series =
    market.candles['1m'] ??
    market.candles['5m'] ??
    market.candles['1h'] ??
    market.candles['4h'] ??
    market.candles['1d'] ??
    [];
  const price = series[0]?.close ?? 1;
  return 10 ** (Math.floor(Math.log10(price)) - 5);
}

/**
 * A market's minimum order value in its quote: 5 of a dollar-like quote (Binance's NOTIONAL
 * filter on USDT pairs), 0.0001 BTC on BTC-quoted pairs (Binance's figure there).
 */
export function minNotionalText(market: LocalMarket): string {
  return market.quote === 'BTC' ? '0.00010000' : '5.00000000';
}

/** A tick size as exchanges print it ('0.01000000'). */
export function tickText(market: LocalMarket): string {
  const tick = tickSizeOf(market);
  const places = Math.max(8, -Math.round(Math.log10(tick)));
  return tick.toFixed(places);
}

/** An HTML error page, as a proxy or load balancer in front of an exchange sends it. */
export function htmlErrorPage(status: number): { contentType: string; body: string } {
  return {
    contentType: 'text/html',
    body: `<html><body><h1>${status} Server Error</h1></body></html>`,
  };
}

/** Exchanges print 8 decimals; fall back to the shortest form when 8 would lose digits. */
export function decimal(value: number): string {
  const fixed = value.toFixed(8);
  return Number(fixed) === value ? fixed : String(value);
}

/**
 * Moves a candle series in time by whole candles so that candle `index` opens in the interval
 * holding `now`: real data, played as if it were happening today (e2e against the wall clock).
 */
export function shiftToNow(
  candles: readonly Candle[],
  tfMs: number,
  index: number,
  now: number,
): Candle[] {
  const anchor = candles[index];
  if (anchor === undefined) throw new Error(`shiftToNow: no candle ${index}`);
  const target = now - (now % tfMs);
  const delta = target - anchor.openTime;
  return candles.map((c) => ({ ...c, openTime: c.openTime + delta }));
}
