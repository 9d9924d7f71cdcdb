import { createHmac } from 'node:crypto';
import { TIMEFRAME_MS } from '../../src-shared/domain/candle';
import { units, type SpotMarketRules } from './binance-spot-account';
import {
  htmlErrorPage,
  LocalExchangeServer,
  type ExchangeReply,
  type ExchangeRequest,
  type LocalMarket,
  tickText,
  type StreamClient,
} from './local-exchange-server';
import { OkxPrivateStream } from './okx-private-stream';
import { okxTradeRoute } from './okx-trade-api';
import { OkxTradingAccount } from './okx-trading-account';
import {
  accountConfig,
  candleRow,
  currencyChain,
  instId,
  OKX_BARS,
  okxReply,
  okxTicker,
  spotInstrument,
  type OkxKeyConfig,
} from './okx-payloads';

/** An API key the local OKX knows: key, secret, passphrase and what account/config reports. */
export interface OkxApiKey {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
  readonly config?: Partial<OkxKeyConfig>;
}

/** OKX refuses a signed request whose timestamp is more than 30 s from its own time. */
const TIMESTAMP_TOLERANCE_MS = 30_000;
/** `GET /api/v5/market/candles` serves only the newest 1440 candles; older ones are history. */
const RECENT_CANDLES = 1440;

/**
 * A local exchange on 127.0.0.1 speaking OKX's v5 API: public REST (instruments, candles,
 * history-candles, ticker, time), the public and business websockets (op:subscribe; tickers,
 * candle channels; OKX's text ping/pong), the signed `GET /api/v5/account/config`, the signed
 * spot trading API over one account with real order state (okx-trade-api.ts: orders, algo
 * stops and OCO pairs, fills, balances) and the private websocket with login and `orders`
 * pushes (okx-private-stream.ts). Signatures follow OKX's rules: OK-ACCESS-KEY / -PASSPHRASE /
 * -TIMESTAMP and a base64 HMAC-SHA256 of timestamp + method + path + query + body, with OKX's
 * error codes. Replies use OKX's envelope.
 */
export class LocalOkxServer extends LocalExchangeServer {
  private readonly keys = new Map<string, OkxApiKey>();
  private readonly prices = new Map<string, number>();
  /** The trading account every key of this exchange trades in. */
  readonly account = new OkxTradingAccount(
    (id) => this.rulesOf(id),
    () => this.now(),
    (id) => this.quoteUnits(id),
  );
  /** The private websocket (login, `orders` channel). */
  readonly privateStream = new OkxPrivateStream(
    this.account,
    (apiKey) => this.keys.get(apiKey),
    () => this.signClock(),
  );

  addApiKey(key: OkxApiKey): void {
    this.keys.set(key.apiKey, key);
  }

  /**
   * Moves a market's price (its quotes sit around it; it is also the last price algo triggers
   * watch): resting orders the quote reaches fill, algo orders whose trigger it crosses fire.
   */
  setPrice(base: string, quote: string, price: number): void {
    const market = this.listed().find((m) => m.base === base && m.quote === quote);
    if (market === undefined) throw new Error(`no market ${base}/${quote}`);
    this.prices.set(`${base}/${quote}`, price);
    this.account.tick(instId(market), units(price.toFixed(8)));
  }

  protected override priceOverride(market: LocalMarket): number | undefined {
    return this.prices.get(`${market.base}/${market.quote}`);
  }

  /** The best bid/ask of an instrument (BTC-USDT), in 1e-8 units. */
  quoteUnits(id: string): { bid: bigint; ask: bigint } | undefined {
    const market = this.market(id);
    const quote = market === undefined ? undefined : this.quoteOf(market, this.now());
    if (quote === undefined) return undefined;
    return { bid: units(quote.bid.toFixed(8)), ask: units(quote.ask.toFixed(8)) };
  }

  private rulesOf(id: string): SpotMarketRules | undefined {
    const market = this.market(id);
    if (market === undefined) return undefined;
    return {
      symbol: id,
      base: market.base,
      quote: market.quote,
      tick: units(tickText(market)),
      // The instrument's lotSz and minSz (okx-payloads.ts); OKX spot has no minimum notional.
      step: units('0.00000001'),
      minQty: units('0.00001'),
      minNotional: 0n,
    };
  }

  protected route(request: ExchangeRequest): ExchangeReply {
    const now = this.now();
    const q = request.query;
    if (request.path.startsWith('/api/v5/trade/') || request.path === '/api/v5/account/balance') {
      const signed = this.verifySigned(request);
      if ('error' in signed) return signed.error;
      let body: unknown = {};
      if (request.body !== '') {
        try {
          body = JSON.parse(request.body);
        } catch {
          return [400, okxReply([], '50000', 'Body can not be empty.')];
        }
      }
      const reply = okxTradeRoute(
        this.account,
        () => this.now(),
        request.method,
        request.path,
        q,
        body,
      );
      return reply ?? [404, okxReply([], '50000', `local exchange: no route ${request.path}`)];
    }
    switch (request.path) {
      case '/api/v5/public/time':
        return [200, okxReply([{ ts: String(now) }])];
      case '/api/v5/public/instruments':
        if (q['instType'] !== 'SPOT') return [200, okxReply([])];
        return [200, okxReply(this.listed().map(spotInstrument))];
      case '/api/v5/market/candles':
        return this.candles(q, true);
      case '/api/v5/market/history-candles':
        return this.candles(q, false);
      case '/api/v5/market/ticker': {
        const market = this.market(q['instId']);
        const current = market === undefined ? undefined : this.currentCandle(market, now);
        const quote = market === undefined ? undefined : this.quoteOf(market, now);
        if (market === undefined || current === undefined || quote === undefined) {
          return this.noInstrument(q['instId']);
        }
        return [200, okxReply([okxTicker(market, current, quote, now)])];
      }
      case '/api/v5/asset/currencies': {
        // ccxt loads these whenever it holds a key (loadMarkets -> fetchCurrencies).
        const signed = this.verifySigned(request);
        if ('error' in signed) return signed.error;
        const assets = [...new Set(this.listed().flatMap((m) => [m.base, m.quote]))].sort();
        return [200, okxReply(assets.map(currencyChain))];
      }
      case '/api/v5/account/config': {
        const signed = this.verifySigned(request);
        if ('error' in signed) return signed.error;
        const config = { perm: 'read_only,trade', ip: '203.0.113.7', ...signed.key.config };
        return [200, okxReply([accountConfig(config)])];
      }
      default:
        return [404, okxReply([], '50000', `local exchange: no route ${request.path}`)];
    }
  }

  protected onStreamFrame(client: StreamClient, text: string): void {
    if (text === 'ping') {
      client.socket.send('pong');
      return;
    }
    if (client.path.endsWith('/private')) {
      this.privateStream.onFrame(client, JSON.parse(text) as { op?: string; args?: unknown[] });
      return;
    }
    const request = JSON.parse(text) as {
      op?: string;
      args?: Array<{ channel?: string; instId?: string }>;
    };
    for (const arg of request.args ?? []) {
      const channel = arg.channel ?? '';
      const business = client.path.endsWith('/business');
      const isCandle = channel.startsWith('candle');
      if (request.op !== 'subscribe' && request.op !== 'unsubscribe') continue;
      if (isCandle !== business || this.market(arg.instId) === undefined) {
        // OKX answers a channel that does not exist on this URL (or an unknown instrument) so.
        client.socket.send(
          JSON.stringify({
            event: 'error',
            code: '60018',
            msg: `Wrong URL or channel:${channel},instId:${arg.instId ?? ''} doesn't exist.`,
            connId: 'local',
          }),
        );
        continue;
      }
      const stream = `${channel}:${arg.instId ?? ''}`;
      if (request.op === 'subscribe') {
        client.streams.add(stream);
        this.subscribed.push(stream);
      } else client.streams.delete(stream);
      client.socket.send(JSON.stringify({ event: request.op, arg, connId: 'local' }));
    }
  }

  protected streamMessages(_client: StreamClient, stream: string, now: number): unknown[] {
    const [channel, id] = stream.split(':') as [string, string];
    const market = this.market(id);
    if (market === undefined) return [];
    const arg = { channel, instId: id };
    if (channel === 'tickers') {
      const current = this.currentCandle(market, now);
      const quote = this.quoteOf(market, now);
      if (current === undefined || quote === undefined) return [];
      return [{ arg, data: [okxTicker(market, current, quote, now)] }];
    }
    const timeframe = OKX_BARS[channel.slice('candle'.length)];
    if (timeframe === undefined) return [];
    const tf = TIMEFRAME_MS[timeframe];
    const open = now - (now % tf);
    const c = market.candles[timeframe]?.find((x) => x.openTime === open);
    return c === undefined ? [] : [{ arg, data: [candleRow(c, false)] }];
  }

  protected faultBody(status: number): { contentType: string; body: string } {
    if (status === 429) {
      return {
        contentType: 'application/json',
        body: JSON.stringify(
          okxReply(
            [],
            '50011',
            'Rate limit reached. Please refer to API documentation and throttle requests accordingly.',
          ),
        ),
      };
    }
    return htmlErrorPage(status);
  }

  private market(id: string | undefined): LocalMarket | undefined {
    return this.listed().find((m) => instId(m) === id);
  }

  private noInstrument(id: string | undefined): ExchangeReply {
    return [200, okxReply([], '51001', `Instrument ID ${id ?? ''} does not exist.`)];
  }

  /**
   * Candles newest first, between `before` and `after` (both exclusive, open times), at most
   * `limit` (300) of them, the forming one included (confirm "0").
   */
  private candles(q: Record<string, string>, recentOnly: boolean): ExchangeReply {
    const market = this.market(q['instId']);
    if (market === undefined) return this.noInstrument(q['instId']);
    const timeframe = OKX_BARS[q['bar'] ?? '1m'];
    const now = this.now();
    if (timeframe === undefined || market.candles[timeframe] === undefined) {
      return [200, okxReply([], '51000', `Parameter bar error`)];
    }
    const tf = TIMEFRAME_MS[timeframe];
    let rows = this.candlesUpTo(market, timeframe, now);
    if (recentOnly) rows = rows.slice(-RECENT_CANDLES);
    const after = q['after'] === undefined ? Infinity : Number(q['after']);
    const before = q['before'] === undefined ? -Infinity : Number(q['before']);
    const limit = Math.min(Number(q['limit'] ?? 100), 300);
    const picked = rows
      .filter((c) => c.openTime < after && c.openTime > before)
      .slice(-limit)
      .reverse();
    return [200, okxReply(picked.map((c) => candleRow(c, c.openTime + tf <= now)))];
  }

  /** OKX's REST authentication, in the order OKX applies it. */
  private verifySigned(request: ExchangeRequest): { key: OkxApiKey } | { error: ExchangeReply } {
    const header = (name: string): string | undefined => {
      const value = request.headers[name];
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const fail = (code: string, msg: string): { error: ExchangeReply } => ({
      error: [401, okxReply([], code, msg)],
    });
    const apiKey = header('ok-access-key');
    if (apiKey === undefined) return fail('50103', 'Request header OK-ACCESS-KEY cannot be empty.');
    const passphrase = header('ok-access-passphrase');
    if (passphrase === undefined) {
      return fail('50104', 'Request header OK-ACCESS-PASSPHRASE cannot be empty.');
    }
    const timestamp = header('ok-access-timestamp');
    if (timestamp === undefined) {
      return fail('50107', 'Request header OK-ACCESS-TIMESTAMP cannot be empty.');
    }
    const sign = header('ok-access-sign');
    if (sign === undefined) return fail('50106', 'Request header OK-ACCESS-SIGN cannot be empty.');
    const key = this.keys.get(apiKey);
    if (key === undefined) return fail('50111', 'Invalid OK-ACCESS-KEY.');
    if (key.passphrase !== passphrase)
      return fail('50105', 'Request header OK-ACCESS-PASSPHRASE incorrect.');
    const at = Date.parse(timestamp);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(timestamp) || Number.isNaN(at)) {
      return fail('50112', 'Invalid OK-ACCESS-TIMESTAMP.');
    }
    if (Math.abs(this.signClock() - at) > TIMESTAMP_TOLERANCE_MS) {
      return fail('50102', 'Timestamp request expired.');
    }
    const path = request.rawQuery === '' ? request.path : `${request.path}?${request.rawQuery}`;
    const expected = createHmac('sha256', key.secret)
      .update(`${timestamp}${request.method}${path}${request.body}`)
      .digest('base64');
    if (sign !== expected) return fail('50113', 'Invalid Sign.');
    return { key };
  }
}
