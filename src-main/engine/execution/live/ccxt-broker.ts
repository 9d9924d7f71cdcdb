import type { Exchange, Order } from 'ccxt';
import type { Database } from 'better-sqlite3';
import type { BookId } from '../../../../src-shared/domain/order';
import type { Clock } from '../../clock';
import { marketSpecOf } from '../../market/ccxt-markets';
import type { LiveTradingCapabilities } from '../../market/exchanges/exchange-capabilities';
import type { CcxtModule } from '../../market/load-ccxt';
import type {
  Broker,
  BrokerEvent,
  BrokerListener,
  MarketSpec,
  SubmitRequest,
  VenueBalance,
  VenueFill,
  VenueOrder,
  VenuePosition,
} from '../broker';
import { BrokerUnknownOrderError, VenueRejectError } from '../broker-errors';
import { CLIENT_ORDER_ID_LENGTH } from '../client-order-id';
import { isReject, MarketRules } from '../market-rules';
import { placeBinanceOrderList } from './binance-order-list';
import type { BreakerStatus, CircuitBreaker } from './circuit-breaker';
import { toVenueFill, toVenueOrder } from './ccxt-order-mapping';
import { LiveOrderLog } from './live-order-log';
import { OcoPairing, type PlaceOco } from './oco-pairing';
import { UserStream, type UserStreamStatus } from './user-stream';
import { VenueCalls } from './venue-calls';

export interface CcxtBrokerOptions {
  /** The ccxt exchange id, e.g. 'binance'; the book is `live:<venue>`. */
  readonly venue: string;
  /** A signed ccxt client (ccxt pro's class when the exchange streams user data). */
  readonly exchange: Exchange;
  readonly ccxt: CcxtModule;
  readonly caps: LiveTradingCapabilities;
  readonly db: Database;
  readonly clock: Clock;
  readonly breaker: CircuitBreaker;
  /** The symbols Vigil trades here (the connection's watchlist). */
  readonly symbols: readonly string[];
  /** The live book's positions (the ledger): what reduce-only and flatten may sell. */
  readonly book: () => ReadonlyArray<{ readonly symbol: string; readonly qty: string }>;
  /** Every failed venue call, for the error-cascade panic. */
  readonly onVenueTrouble?: (reason: string) => void;
  /** The user stream came back after a drop: what it missed must be reconciled by REST. */
  readonly onStreamRecovered?: () => void;
  readonly onError: (error: unknown) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** How long a bracket's first exit waits for its peer before going out alone. */
  readonly ocoPairWaitMs?: number;
}

const ORDER_LISTS = { 'binance-order-list': placeBinanceOrderList } as const;

/**
 * The live Broker through ccxt, for an exchange whose capability record (LiveTradingCapabilities)
 * says how it trades. Our client id goes in the exchange's own field on every request (ccxt
 * never makes one up, so a retried submit is the same order); precision and limits are the
 * exchange's (ccxt markets); a stop-market is a stop-limit where the exchange has only those;
 * a bracket's exits rest as one order list where the exchange has them; every call is mapped
 * to the port's three outcomes and watched by the venue's circuit breaker.
 */
export class CcxtBroker implements Broker {
  readonly venue: string;
  readonly bookId: BookId;
  readonly maxClientOrderIdLength: number;
  private readonly listeners = new Set<BrokerListener>();
  private readonly rules = new Map<string, MarketRules>();
  private readonly log: LiveOrderLog;
  private readonly calls: VenueCalls;
  private readonly oco: OcoPairing;
  private readonly stream: UserStream | null;

  constructor(private readonly options: CcxtBrokerOptions) {
    this.venue = options.venue;
    this.bookId = `live:${options.venue}` as BookId;
    this.maxClientOrderIdLength = options.caps.clientIdMaxLength;
    if (CLIENT_ORDER_ID_LENGTH > options.caps.clientIdMaxLength) {
      throw new Error(
        `${options.venue}: client ids of ${CLIENT_ORDER_ID_LENGTH} characters do not fit`,
      );
    }
    this.log = new LiveOrderLog(options.db, options.venue);
    const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms).unref()));
    const random = options.random ?? Math.random;
    this.calls = new VenueCalls({
      ccxt: options.ccxt,
      venue: options.venue,
      caps: options.caps,
      breaker: options.breaker,
      sleep,
      random,
      onTrouble: (reason) => options.onVenueTrouble?.(reason),
    });
    const list = options.caps.oco === null ? null : ORDER_LISTS[options.caps.oco];
    const placeList: PlaceOco = async (stop, target) => {
      if (list === null) throw new Error('no order lists here');
      const orders = await this.calls.run(
        'submit OCO',
        () => list(options.exchange, stop, target, this.stopLimitPrice(stop)),
        { entry: false },
      );
      return { stop: this.accept(orders.stop, stop), target: this.accept(orders.target, target) };
    };
    this.oco = new OcoPairing((r) => this.placeOne(r), placeList, options.ocoPairWaitMs ?? 1000);
    this.stream =
      options.caps.userStream && options.exchange.has['watchOrders'] === true
        ? new UserStream({
            exchange: options.exchange,
            sleep,
            random,
            onOrder: (order) => this.onStreamOrder(order),
            onTrade: (trade) => {
              const row =
                trade.order === undefined
                  ? undefined
                  : this.log.byVenueOrderId(String(trade.order));
              // A trade of an order Vigil never placed is left to reconciliation to report.
              if (row === undefined) return;
              this.emit({
                kind: 'fill',
                fill: toVenueFill(
                  trade,
                  this.rulesOf(row.symbol),
                  row.client_order_id,
                  options.clock.now(),
                ),
              });
            },
            onProblem: (reason) => options.onVenueTrouble?.(`user stream: ${reason}`),
            onRecovered: () => options.onStreamRecovered?.(),
            onError: options.onError,
          })
        : null;
  }

  /** Loads the exchange's markets (precision, limits, fees) and opens the user stream. */
  async start(): Promise<void> {
    const exchange = this.options.exchange;
    // Binance refuses an unfiltered open-orders query in ccxt unless told we mean it.
    (exchange.options as Record<string, unknown>)['warnOnFetchOpenOrdersWithoutSymbol'] = false;
    await this.calls.run('load markets', () => exchange.loadMarkets(), { entry: false });
    for (const symbol of this.options.symbols) this.rulesOf(symbol);
    this.stream?.start();
  }

  async stop(): Promise<void> {
    this.oco.flush();
    await this.stream?.stop();
  }

  breakerStatus(): BreakerStatus {
    return this.options.breaker.status();
  }

  streamStatus(): UserStreamStatus | null {
    return this.stream?.status() ?? null;
  }

  markets(): readonly MarketSpec[] {
    return [...this.rules.values()].map((r) => r.spec);
  }

  subscribe(listener: BrokerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async submit(request: SubmitRequest): Promise<VenueOrder> {
    const caps = this.options.caps;
    if (!caps.clientIdPattern.test(request.clientOrderId)) {
      throw new VenueRejectError(
        this.venue,
        0,
        `client id '${request.clientOrderId}' does not fit ${this.venue}'s format`,
      );
    }
    this.checkPrecision(request);
    if (request.reduceOnly && caps.reduceOnly === 'emulated') this.checkReducesOnly(request);
    // Written before the request leaves: the symbol and our terms survive a crash mid-send.
    const { ocoGroup, ...terms } = request;
    this.log.record(terms, ocoGroup, this.options.clock.now());
    if (request.ocoGroup !== null && caps.oco !== null) return this.oco.submit(request);
    return this.placeOne(request);
  }

  async cancel(clientOrderId: string, symbol: string): Promise<VenueOrder> {
    const order = await this.calls.run(
      'cancel',
      () =>
        this.options.exchange.cancelOrder(this.venueIdOf(clientOrderId), symbol, {
          origClientOrderId: clientOrderId,
        }),
      { entry: false },
    );
    return this.toVenue(order, clientOrderId);
  }

  async cancelAll(symbol?: string): Promise<VenueOrder[]> {
    const symbols =
      symbol !== undefined
        ? [symbol]
        : [...new Set((await this.openOrders()).map((o) => o.symbol))];
    const canceled: VenueOrder[] = [];
    for (const s of symbols) {
      try {
        const orders = await this.calls.run(
          'cancel all',
          () => this.options.exchange.cancelAllOrders(s),
          { entry: false },
        );
        for (const o of orders) canceled.push(this.toVenue(o, String(o.clientOrderId ?? '')));
      } catch (error) {
        if (!(error instanceof BrokerUnknownOrderError)) throw error; // nothing open there
      }
    }
    return canceled;
  }

  async openOrders(symbol?: string): Promise<VenueOrder[]> {
    const orders = await this.calls.run(
      'open orders',
      () => this.options.exchange.fetchOpenOrders(symbol),
      { entry: false },
    );
    return orders.map((o) => this.toVenue(o, String(o.clientOrderId ?? '')));
  }

  async fetchOrder(clientOrderId: string, symbol: string): Promise<VenueOrder | null> {
    try {
      const order = await this.calls.run(
        'fetch order',
        () =>
          this.options.exchange.fetchOrder(this.venueIdOf(clientOrderId), symbol, {
            origClientOrderId: clientOrderId,
          }),
        { entry: false },
      );
      return this.toVenue(order, clientOrderId);
    } catch (error) {
      if (error instanceof BrokerUnknownOrderError) return null; // the exchange never saw it
      throw error;
    }
  }

  async fetchFills(clientOrderId: string, symbol: string): Promise<VenueFill[]> {
    const venueOrderId =
      this.log.get(clientOrderId)?.venue_order_id ??
      (await this.fetchOrder(clientOrderId, symbol))?.venueOrderId;
    if (venueOrderId === undefined || venueOrderId === null) return [];
    const trades = await this.calls.run(
      'fetch fills',
      () =>
        this.options.exchange.fetchMyTrades(symbol, undefined, undefined, {
          orderId: venueOrderId,
        }),
      { entry: false },
    );
    const rules = this.rulesOf(symbol);
    return trades
      .filter((t) => String(t.order) === venueOrderId)
      .map((t) => toVenueFill(t, rules, clientOrderId, this.options.clock.now()))
      .sort((a, b) => a.at - b.at);
  }

  /**
   * What Vigil holds here and may sell: the live book's positions, capped at what the
   * exchange account holds of each base asset, on the market's step; dust below the minimum
   * order is not a position anyone can close.
   */
  async positions(): Promise<VenuePosition[]> {
    const held = this.options.book().filter((p) => p.qty !== '0');
    if (held.length === 0) return [];
    const balances = await this.balances();
    const out: VenuePosition[] = [];
    for (const p of held) {
      const rules = this.rulesOf(p.symbol);
      const total = balances.find((b) => b.asset === rules.spec.base)?.total ?? '0';
      const mine = rules.floorToStep(toUnits(p.qty, rules.qtyScale));
      const there = rules.floorToStep(toUnits(total, rules.qtyScale));
      const qty = mine > 0n ? (mine < there ? mine : there) : 0n;
      if (qty >= rules.minQty && qty > 0n) out.push({ symbol: p.symbol, qty: rules.qtyText(qty) });
    }
    return out;
  }

  async balances(): Promise<VenueBalance[]> {
    const balance = await this.calls.run('balances', () => this.options.exchange.fetchBalance(), {
      entry: false,
    });
    const totals = (balance.total ?? {}) as unknown as Record<string, number | undefined>;
    const frees = (balance.free ?? {}) as unknown as Record<string, number | undefined>;
    return Object.entries(totals)
      .filter(([, total]) => typeof total === 'number' && total > 0)
      .map(([asset, total]) => ({
        asset,
        total: decimalText(total ?? 0),
        free: decimalText(frees[asset] ?? 0),
      }));
  }

  private async placeOne(request: SubmitRequest): Promise<VenueOrder> {
    const shape = this.orderShape(request);
    const order = await this.calls.run(
      'submit',
      () =>
        this.options.exchange.createOrder(
          request.symbol,
          shape.type,
          request.side,
          Number(request.qty),
          shape.price,
          {
            ...shape.params,
            [this.options.caps.clientIdParam]: request.clientOrderId,
          },
        ),
      // Reduce-only orders (exits, the kill's flatten) shrink exposure: never held back.
      { entry: !request.reduceOnly },
    );
    return this.accept(order, request);
  }

  /** The ccxt order type, price and params for one of ours. */
  private orderShape(r: SubmitRequest): {
    type: string;
    price: number | undefined;
    params: Record<string, string>;
  } {
    const tif = { timeInForce: r.timeInForce };
    switch (r.type) {
      case 'market':
        return { type: 'market', price: undefined, params: {} };
      case 'limit':
        return { type: 'limit', price: Number(r.price), params: tif };
      case 'stop-limit':
        return {
          type: 'limit',
          price: Number(r.price),
          params: { ...tif, stopLossPrice: String(r.stopPrice) },
        };
      case 'stop-market':
        if (this.options.caps.stopOrder === 'stop-market') {
          return {
            type: 'market',
            price: undefined,
            params: { stopLossPrice: String(r.stopPrice) },
          };
        }
        return {
          type: 'limit',
          price: Number(this.stopLimitPrice(r)),
          params: { timeInForce: 'GTC', stopLossPrice: String(r.stopPrice) },
        };
    }
  }

  /**
   * The limit of a stop sent as a stop-limit: `stopLimitSlippageBps` beyond the trigger,
   * rounded away from the market on the tick grid (a sell's limit down, a buy's up), so the
   * order still fills when the price gaps through the trigger.
   */
  private stopLimitPrice(r: SubmitRequest): string {
    const rules = this.rulesOf(r.symbol);
    if (r.stopPrice === null)
      throw new Error(`order ${r.clientOrderId}: a stop without a trigger price`);
    const stop = toUnits(r.stopPrice, rules.priceScale);
    const bps = BigInt(this.options.caps.stopLimitSlippageBps);
    const sell = r.side === 'sell';
    const raw = (stop * (10_000n + (sell ? -bps : bps))) / 10_000n;
    const limit = rules.roundToTick(raw, sell ? 'down' : 'up');
    return rules.priceText(limit > 0n ? limit : rules.tick);
  }

  /**
   * Quantities and prices on the market's grid and within its limits, checked here: ccxt's
   * amountToPrecision would otherwise truncate an off-grid quantity silently and send another
   * order than the one we recorded. An entry's notional must clear the exchange's minimum
   * with a 5% margin (a price tick could otherwise push it under between check and match).
   */
  private checkPrecision(r: SubmitRequest): void {
    const rules = this.rulesOf(r.symbol);
    const refuse = (reject: { code: number; msg: string }): never => {
      throw new VenueRejectError(this.venue, reject.code, reject.msg);
    };
    const qty = rules.qty(r.qty);
    if (isReject(qty)) refuse(qty);
    for (const text of [r.price, r.stopPrice]) {
      if (text === null) continue;
      const price = rules.price(text);
      if (isReject(price)) refuse(price);
    }
    const reference = r.price ?? r.stopPrice;
    if (!r.reduceOnly && reference !== null && !isReject(qty)) {
      const price = rules.price(reference) as bigint;
      if (price * (qty as bigint) * 100n < rules.minNotional * 105n) {
        refuse({
          code: -1013,
          msg: `Filter failure: NOTIONAL (Vigil keeps entries 5% above ${r.symbol}'s minimum of ${rules.spec.minNotional})`,
        });
      }
    }
  }

  /** Spot has no reduce-only flag: refuse a reduce-only order the book's position cannot cover. */
  private checkReducesOnly(r: SubmitRequest): void {
    const rules = this.rulesOf(r.symbol);
    const held = toUnits(
      this.options.book().find((p) => p.symbol === r.symbol)?.qty ?? '0',
      rules.qtyScale,
    );
    const qty = toUnits(r.qty, rules.qtyScale);
    const reduces = r.side === 'sell' ? held > 0n && qty <= held : held < 0n && qty <= -held;
    if (!reduces) {
      throw new VenueRejectError(
        this.venue,
        0,
        `reduce-only ${r.side} of ${r.qty} ${r.symbol} refused: the live book holds ${rules.qtyText(held)}`,
      );
    }
  }

  private accept(order: Order, request: SubmitRequest): VenueOrder {
    const listId = (order.info as { orderListId?: unknown } | undefined)?.orderListId;
    if (order.id !== undefined) {
      this.log.identify(
        request.clientOrderId,
        String(order.id),
        listId === undefined || listId === -1 ? null : String(listId),
      );
    }
    return this.toVenue(order, request.clientOrderId);
  }

  private toVenue(order: Order, clientOrderId: string): VenueOrder {
    const row = this.log.get(clientOrderId);
    const rules = this.rulesOf(String(order.symbol));
    return toVenueOrder(
      order,
      rules,
      this.log.termsOf(clientOrderId),
      row?.oco_group ?? null,
      this.options.clock.now(),
    );
  }

  private onStreamOrder(order: Order): void {
    const cid = String(order.clientOrderId ?? '');
    if (this.log.get(cid) === undefined) return; // not ours: reconciliation reports it
    if (order.id !== undefined) this.log.identify(cid, String(order.id), null);
    this.emit({ kind: 'order', order: this.toVenue(order, cid) });
  }

  private venueIdOf(clientOrderId: string): string {
    // ccxt's signature wants an id; with our client id in the params it asks by that.
    return this.log.get(clientOrderId)?.venue_order_id ?? '';
  }

  private rulesOf(symbol: string): MarketRules {
    const known = this.rules.get(symbol);
    if (known !== undefined) return known;
    const result = marketSpecOf(this.options.exchange, symbol);
    if ('problem' in result) throw new VenueRejectError(this.venue, 0, result.problem);
    const rules = new MarketRules(result.spec);
    this.rules.set(symbol, rules);
    return rules;
  }

  private emit(event: BrokerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.onError(error);
      }
    }
  }
}

/** A decimal string at a scale, truncating digits beyond it. */
function toUnits(text: string, scale: number): bigint {
  const negative = text.startsWith('-');
  const [whole, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const v =
    BigInt(whole ?? '0') * 10n ** BigInt(scale) +
    BigInt((frac.slice(0, scale) || '0').padEnd(scale, '0'));
  return negative ? -v : v;
}

function decimalText(value: number): string {
  const fixed = value.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '' || fixed === '-0' ? '0' : fixed;
}
