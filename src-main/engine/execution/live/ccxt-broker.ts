import type { Exchange, Order, Trade } from 'ccxt';
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
import { MarketRules } from '../market-rules';
import type { BreakerStatus, CircuitBreaker } from './circuit-breaker';
import { toVenueFill, toVenueOrder } from './ccxt-order-mapping';
import { dialectOf } from './live-dialects';
import { LiveOrderLog } from './live-order-log';
import {
  ccxtOrderShape,
  checkPrecision,
  checkReducesOnly,
  stopLimitPrice,
  toUnits,
} from './live-order-preparation';
import { OcoPairing, type PlaceOco } from './oco-pairing';
import { UserStream, type UserStreamStatus } from './user-stream';
import type { LiveDialect, OrderRef } from './venue-dialect';
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
  /**
   * The stream pushed a change it cannot match to one of our orders by itself (an OKX stop
   * that fired placed an order of its own): a REST reconciliation resolves it.
   */
  readonly onStreamUnresolved?: () => void;
  readonly onError: (error: unknown) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** How long a bracket's first exit waits for its peer before going out alone. */
  readonly ocoPairWaitMs?: number;
}

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
  private readonly dialect: LiveDialect;

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
    this.dialect = dialectOf(options.caps);
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
    const list = this.dialect.placeOco;
    const placeList: PlaceOco = async (stop, target) => {
      if (list === null) throw new Error('no order lists here');
      const orders = await this.calls.run(
        'submit OCO',
        () =>
          list(
            options.exchange,
            stop,
            target,
            stopLimitPrice(stop, this.rulesOf(stop.symbol), options.caps),
          ),
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
            onTrade: (pushed) => this.onStreamTrade(pushed),
            onProblem: (reason) => options.onVenueTrouble?.(`user stream: ${reason}`),
            onRecovered: () => options.onStreamRecovered?.(),
            onError: options.onError,
          })
        : null;
  }

  /** Loads the exchange's markets (precision, limits, fees) and opens the user stream. */
  async start(): Promise<void> {
    const exchange = this.options.exchange;
    this.dialect.prepare(exchange);
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
        null,
        `client id '${request.clientOrderId}' does not fit ${this.venue}'s format`,
      );
    }
    const rules = this.rulesOf(request.symbol);
    checkPrecision(this.venue, request, rules);
    if (request.reduceOnly && caps.reduceOnly === 'emulated') {
      const held = this.options.book().find((p) => p.symbol === request.symbol)?.qty ?? '0';
      checkReducesOnly(this.venue, request, rules, held);
    }
    // Written before the request leaves: the symbol and our terms survive a crash mid-send.
    const { ocoGroup, ...terms } = request;
    this.log.record(terms, ocoGroup, this.options.clock.now());
    if (request.ocoGroup !== null && this.dialect.placeOco !== null) {
      return this.oco.submit(request);
    }
    return this.placeOne(request);
  }

  async cancel(clientOrderId: string, symbol: string): Promise<VenueOrder> {
    const ref = this.refOf(clientOrderId, symbol);
    const order = await this.calls.run(
      'cancel',
      () => this.dialect.cancelOrder(this.options.exchange, ref),
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
          () => this.dialect.cancelAll(this.options.exchange, s),
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
      () => this.dialect.openOrders(this.options.exchange, symbol),
      { entry: false },
    );
    return orders.map((o) => this.toVenue(o, String(o.clientOrderId ?? '')));
  }

  async fetchOrder(clientOrderId: string, symbol: string): Promise<VenueOrder | null> {
    try {
      const ref = this.refOf(clientOrderId, symbol);
      const order = await this.calls.run(
        'fetch order',
        () => this.dialect.fetchOrder(this.options.exchange, ref),
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
    const ref = { ...this.refOf(clientOrderId, symbol), venueOrderId };
    const trades = await this.calls.run(
      'fetch fills',
      () => this.dialect.orderTrades(this.options.exchange, ref),
      { entry: false },
    );
    const rules = this.rulesOf(symbol);
    return trades
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
    const shape = ccxtOrderShape(request, this.rulesOf(request.symbol), this.options.caps);
    const order = await this.calls.run(
      'submit',
      () =>
        this.options.exchange.createOrder(
          request.symbol,
          shape.type,
          request.side,
          Number(request.qty),
          shape.price,
          { ...shape.params, ...this.dialect.orderParams(request) },
        ),
      // Reduce-only orders (exits, the kill's flatten) shrink exposure: never held back.
      { entry: !request.reduceOnly },
    );
    const ack = this.accept(order, request);
    if (this.dialect.ackHasState) return ack;
    // An acceptance is not a state: reported as OPEN, a market order the user stream already
    // reported FILLED would seem to go back. Its state is asked for (the order exists: a
    // failed lookup leaves it to the executor's resolution by client id).
    return (await this.fetchOrder(request.clientOrderId, request.symbol)) ?? ack;
  }

  private accept(order: Order, request: SubmitRequest): VenueOrder {
    if (order.id !== undefined) {
      this.log.identify(request.clientOrderId, String(order.id), this.dialect.listIdOf(order));
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
    const match = this.dialect.streamMatch(order);
    if (match === null) return;
    if ('needsRest' in match) {
      this.options.onStreamUnresolved?.();
      return;
    }
    const cid = match.clientOrderId;
    if (this.log.get(cid) === undefined) return; // not ours: reconciliation reports it
    if (order.id !== undefined) this.log.identify(cid, String(order.id), null);
    this.emit({ kind: 'order', order: this.toVenue(order, cid) });
  }

  private onStreamTrade(pushed: Trade): void {
    const trade = this.dialect.streamTrade(pushed);
    // Asked first: a fill of an order a fired OKX algo placed carries the algo's id, which an
    // OCO's two legs share; only a REST lookup of the algo says whose fill it is.
    const match = this.dialect.streamMatch(trade);
    if (match !== null && 'needsRest' in match) {
      this.options.onStreamUnresolved?.();
      return;
    }
    const byOrderId =
      trade.order === undefined ? undefined : this.log.byVenueOrderId(String(trade.order));
    const row = byOrderId ?? (match === null ? undefined : this.log.get(match.clientOrderId));
    // A trade of an order Vigil never placed is left to reconciliation to report.
    if (row === undefined) return;
    this.emit({
      kind: 'fill',
      fill: toVenueFill(
        trade,
        this.rulesOf(row.symbol),
        row.client_order_id,
        this.options.clock.now(),
      ),
    });
  }

  /** What the order log knows of one of our orders, to find it at the exchange. */
  private refOf(clientOrderId: string, symbol: string): OrderRef {
    const row = this.log.get(clientOrderId);
    return {
      clientOrderId,
      symbol,
      venueOrderId: row?.venue_order_id ?? null,
      listId: row?.order_list_id ?? null,
      terms: this.log.termsOf(clientOrderId),
    };
  }

  private rulesOf(symbol: string): MarketRules {
    const known = this.rules.get(symbol);
    if (known !== undefined) return known;
    const result = marketSpecOf(this.options.exchange, symbol);
    if ('problem' in result) throw new VenueRejectError(this.venue, null, result.problem);
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

function decimalText(value: number): string {
  const fixed = value.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '' || fixed === '-0' ? '0' : fixed;
}
