// The order state of one Binance spot account on the local exchange: resting orders, fills,
// balances and OCO lists, with Binance's matching rules and its own reject codes. Amounts are
// exact (integers of 1e-8, as Binance prints 8 decimals). No HTTP here: the routes and the
// user-data stream translate requests and events (binance-private-routes.ts).

export const E8 = 100_000_000n;

/** A decimal string as 1e-8 units; throws on anything that is not a plain decimal. */
export function units(text: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,8}))?$/.exec(text);
  if (m === null) throw new Error(`not a decimal with at most 8 places: '${text}'`);
  return BigInt(m[1] as string) * E8 + BigInt((m[2] ?? '').padEnd(8, '0'));
}

/** 1e-8 units as Binance prints them ('0.00100000'). */
export function text8(v: bigint): string {
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  return `${sign}${a / E8}.${(a % E8).toString().padStart(8, '0')}`;
}

export type BinanceStatus =
  'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'REJECTED' | 'EXPIRED' | 'EXPIRED_IN_MATCH';
export type BinanceType =
  'LIMIT' | 'MARKET' | 'STOP_LOSS' | 'STOP_LOSS_LIMIT' | 'TAKE_PROFIT_LIMIT' | 'LIMIT_MAKER';

export interface SpotOrder {
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly type: BinanceType;
  readonly timeInForce: 'GTC' | 'IOC' | 'FOK';
  readonly qty: bigint;
  readonly price: bigint;
  readonly stopPrice: bigint;
  readonly orderListId: number;
  status: BinanceStatus;
  executed: bigint;
  quoteExecuted: bigint;
  /** A stop order whose trigger was hit: it now works as its limit. */
  triggered: boolean;
  readonly time: number;
  updateTime: number;
}

export interface SpotTrade {
  readonly id: number;
  readonly orderId: number;
  readonly orderListId: number;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly price: bigint;
  readonly qty: bigint;
  readonly commission: bigint;
  readonly commissionAsset: string;
  readonly maker: boolean;
  readonly time: number;
}

export interface SpotMarketRules {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly tick: bigint;
  readonly step: bigint;
  readonly minQty: bigint;
  readonly minNotional: bigint;
}

/** Binance's own refusal: HTTP status, code and message. */
export class BinanceReject extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly msg: string,
  ) {
    super(`${code} ${msg}`);
  }
}

/** What happened in the account, in order (the user-data stream sends these). */
export type AccountEvent =
  | {
      readonly kind: 'execution';
      readonly order: SpotOrder;
      readonly exec: string;
      readonly trade?: SpotTrade;
    }
  | { readonly kind: 'balance'; readonly assets: readonly string[] };

const TAKER_FEE_PPM = 1000n; // 0.1%
const MAKER_FEE_PPM = 1000n;

/**
 * One account: balances (free and locked), orders by symbol, trades. Commission is 0.1% of
 * what the order receives, in the asset it receives (base on a buy, quote on a sell), as on a
 * Binance account that does not pay fees in BNB.
 */
export class SpotAccount {
  readonly orders: SpotOrder[] = [];
  readonly trades: SpotTrade[] = [];
  private readonly free = new Map<string, bigint>();
  private readonly locked = new Map<string, bigint>();
  private nextOrderId = 1000;
  private nextTradeId = 5000;
  private nextListId = 100;
  private readonly listeners = new Set<(e: AccountEvent) => void>();

  constructor(
    private readonly rules: (symbol: string) => SpotMarketRules | undefined,
    private readonly clock: () => number,
  ) {}

  onEvent(listener: (e: AccountEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  deposit(asset: string, amount: string): void {
    this.free.set(asset, (this.free.get(asset) ?? 0n) + units(amount));
  }

  balances(): Array<{ asset: string; free: bigint; locked: bigint }> {
    const assets = new Set([...this.free.keys(), ...this.locked.keys()]);
    return [...assets].sort().map((asset) => ({
      asset,
      free: this.free.get(asset) ?? 0n,
      locked: this.locked.get(asset) ?? 0n,
    }));
  }

  byClientId(symbol: string, clientOrderId: string): SpotOrder | undefined {
    return this.orders.find((o) => o.symbol === symbol && o.clientOrderId === clientOrderId);
  }

  byId(symbol: string, orderId: number): SpotOrder | undefined {
    return this.orders.find((o) => o.symbol === symbol && o.orderId === orderId);
  }

  open(symbol?: string): SpotOrder[] {
    return this.orders.filter(
      (o) =>
        (symbol === undefined || o.symbol === symbol) &&
        (o.status === 'NEW' || o.status === 'PARTIALLY_FILLED'),
    );
  }

  /**
   * A new order, checked as Binance checks it: filters, duplicate client id among open orders,
   * a stop that would trigger at once, balance. A marketable order fills at the touch.
   */
  place(
    input: {
      symbol: string;
      side: 'BUY' | 'SELL';
      type: BinanceType;
      timeInForce: 'GTC' | 'IOC' | 'FOK';
      qty: string;
      price?: string;
      stopPrice?: string;
      clientOrderId: string;
    },
    quote: { bid: bigint; ask: bigint },
    orderListId = -1,
  ): SpotOrder {
    const rules = this.rules(input.symbol);
    if (rules === undefined) throw new BinanceReject(400, -1121, 'Invalid symbol.');
    if (this.open(input.symbol).some((o) => o.clientOrderId === input.clientOrderId)) {
      throw new BinanceReject(400, -2010, 'Duplicate order sent.');
    }
    const qty = units(input.qty);
    const price = input.price === undefined ? 0n : units(input.price);
    const stopPrice = input.stopPrice === undefined ? 0n : units(input.stopPrice);
    if (qty < rules.minQty || qty % rules.step !== 0n) {
      throw new BinanceReject(400, -1013, 'Filter failure: LOT_SIZE');
    }
    for (const p of [price, stopPrice]) {
      if (p !== 0n && p % rules.tick !== 0n) {
        throw new BinanceReject(400, -1013, 'Filter failure: PRICE_FILTER');
      }
    }
    const reference = price !== 0n ? price : input.side === 'BUY' ? quote.ask : quote.bid;
    if ((qty * reference) / E8 < rules.minNotional) {
      throw new BinanceReject(400, -1013, 'Filter failure: NOTIONAL');
    }
    if (input.type === 'STOP_LOSS_LIMIT' || input.type === 'STOP_LOSS') {
      const fires = input.side === 'SELL' ? quote.bid <= stopPrice : quote.ask >= stopPrice;
      if (fires) throw new BinanceReject(400, -2010, 'Stop price would trigger immediately.');
    }
    if (input.type === 'TAKE_PROFIT_LIMIT') {
      const fires = input.side === 'SELL' ? quote.bid >= stopPrice : quote.ask <= stopPrice;
      if (fires) throw new BinanceReject(400, -2010, 'Stop price would trigger immediately.');
    }
    if (input.type === 'LIMIT_MAKER') {
      const crosses = input.side === 'BUY' ? price >= quote.ask : price <= quote.bid;
      if (crosses) throw new BinanceReject(400, -2010, 'Order would immediately match and take.');
    }
    // A buy locks its quote at the limit (or the touch); a sell locks its base. An OCO's legs
    // share one lock: the list can only ever sell its quantity once.
    const lockKey = this.lockKey(orderListId);
    const shared = lockKey !== null && this.sellLocks.has(lockKey);
    const [lockAsset, lockAmount] =
      input.side === 'BUY' ? [rules.quote, (qty * reference) / E8] : [rules.base, qty];
    if (!shared && (this.free.get(lockAsset) ?? 0n) < lockAmount) {
      throw new BinanceReject(400, -2010, 'Account has insufficient balance for requested action.');
    }
    const now = this.clock();
    const order: SpotOrder = {
      orderId: this.nextOrderId++,
      clientOrderId: input.clientOrderId,
      symbol: input.symbol,
      side: input.side,
      type: input.type,
      timeInForce: input.timeInForce,
      qty,
      price,
      stopPrice,
      orderListId,
      status: 'NEW',
      executed: 0n,
      quoteExecuted: 0n,
      triggered: false,
      time: now,
      updateTime: now,
    };
    if (!shared) this.move(lockAsset, -lockAmount, lockAmount);
    if (input.side === 'BUY') this.locks.set(order, lockAmount);
    else if (!shared) this.sellLocks.set(lockKey ?? order, lockAmount);
    this.orders.push(order);
    this.emit({ kind: 'execution', order, exec: 'NEW' });
    this.match(order, quote);
    return order;
  }

  /** The next order list id (OCO). */
  newListId(): number {
    return this.nextListId++;
  }

  cancel(order: SpotOrder, why: 'CANCELED' | 'EXPIRED' = 'CANCELED'): void {
    if (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED') {
      throw new BinanceReject(400, -2011, 'Unknown order sent.');
    }
    order.status = why;
    order.updateTime = this.clock();
    this.unlockRest(order);
    this.emit({ kind: 'execution', order, exec: why === 'CANCELED' ? 'CANCELED' : 'EXPIRED' });
  }

  /** The market moved to this quote: stops trigger, marketable orders fill (in order). */
  tick(symbol: string, quote: { bid: bigint; ask: bigint }): void {
    for (const order of this.open(symbol)) this.match(order, quote);
  }

  /**
   * Fills `qty` of a resting order at its limit (a counterparty arrived), as a maker. For the
   * tests' partial fills.
   */
  fillResting(order: SpotOrder, qty: bigint): SpotTrade {
    return this.execute(order, qty, order.price, true);
  }

  private match(order: SpotOrder, quote: { bid: bigint; ask: bigint }): void {
    if (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED') return;
    const buy = order.side === 'BUY';
    const touch = buy ? quote.ask : quote.bid;
    if (
      order.type === 'STOP_LOSS_LIMIT' ||
      order.type === 'STOP_LOSS' ||
      order.type === 'TAKE_PROFIT_LIMIT'
    ) {
      if (!order.triggered) {
        const stopHit =
          order.type === 'TAKE_PROFIT_LIMIT'
            ? buy
              ? touch <= order.stopPrice
              : touch >= order.stopPrice
            : buy
              ? touch >= order.stopPrice
              : touch <= order.stopPrice;
        if (!stopHit) return;
        order.triggered = true;
      }
    }
    const marketLike = order.type === 'MARKET' || order.type === 'STOP_LOSS';
    const marketable = marketLike || (buy ? touch <= order.price : touch >= order.price);
    if (marketable) {
      this.execute(order, order.qty - order.executed, touch, false);
      return;
    }
    if (order.timeInForce === 'IOC' || order.timeInForce === 'FOK') this.cancel(order, 'EXPIRED');
  }

  private execute(order: SpotOrder, qty: bigint, price: bigint, maker: boolean): SpotTrade {
    const rules = this.rules(order.symbol) as SpotMarketRules;
    const quoteQty = (qty * price) / E8;
    const buy = order.side === 'BUY';
    const received = buy ? qty : quoteQty;
    const commission = (received * (maker ? MAKER_FEE_PPM : TAKER_FEE_PPM)) / 1_000_000n;
    const commissionAsset = buy ? rules.base : rules.quote;
    // What the order locked for this part, released; what it bought or sold, moved.
    if (buy) {
      const lockedPart = this.lockedFor(order, qty);
      this.move(rules.quote, lockedPart - quoteQty, -lockedPart);
      this.move(rules.base, qty - commission, 0n);
    } else {
      const key = this.lockKey(order.orderListId) ?? order;
      this.sellLocks.set(key, (this.sellLocks.get(key) ?? 0n) - qty);
      this.move(rules.base, 0n, -qty);
      this.move(rules.quote, quoteQty - commission, 0n);
    }
    order.executed += qty;
    order.quoteExecuted += quoteQty;
    order.status = order.executed === order.qty ? 'FILLED' : 'PARTIALLY_FILLED';
    order.updateTime = this.clock();
    const trade: SpotTrade = {
      id: this.nextTradeId++,
      orderId: order.orderId,
      orderListId: order.orderListId,
      symbol: order.symbol,
      side: order.side,
      price,
      qty,
      commission,
      commissionAsset,
      maker,
      time: order.updateTime,
    };
    this.trades.push(trade);
    this.emit({ kind: 'execution', order, exec: 'TRADE', trade });
    this.emit({ kind: 'balance', assets: [rules.base, rules.quote] });
    if (order.status === 'FILLED' && order.orderListId !== -1) {
      // One-cancels-other: the list's other leg expires.
      for (const peer of this.open(order.symbol)) {
        if (peer.orderListId === order.orderListId) this.cancel(peer, 'EXPIRED');
      }
    }
    return trade;
  }

  /** The quote a buy locked for `qty` of it (at its limit, or its reference at placement). */
  private lockedFor(order: SpotOrder, qty: bigint): bigint {
    const total = this.lockOf(order);
    return (total * qty) / order.qty;
  }

  private readonly locks = new WeakMap<SpotOrder, bigint>();
  /** Base still locked by a sell order, or by an OCO list (keyed 'list:<id>'). */
  private readonly sellLocks = new Map<SpotOrder | string, bigint>();

  private lockKey(orderListId: number): string | null {
    return orderListId === -1 ? null : `list:${orderListId}`;
  }

  private lockOf(order: SpotOrder): bigint {
    return this.locks.get(order) ?? 0n;
  }

  private move(asset: string, freeDelta: bigint, lockedDelta: bigint): void {
    this.free.set(asset, (this.free.get(asset) ?? 0n) + freeDelta);
    this.locked.set(asset, (this.locked.get(asset) ?? 0n) + lockedDelta);
  }

  private unlockRest(order: SpotOrder): void {
    const rules = this.rules(order.symbol) as SpotMarketRules;
    if (order.side === 'BUY') {
      const total = this.lockOf(order);
      const used = (total * order.executed) / order.qty;
      this.move(rules.quote, total - used, -(total - used));
    } else {
      const key = this.lockKey(order.orderListId) ?? order;
      const peersLive = this.open(order.symbol).some(
        (o) => o !== order && o.orderListId !== -1 && o.orderListId === order.orderListId,
      );
      if (peersLive) return; // the list's other leg still holds the lock
      const rest = this.sellLocks.get(key) ?? 0n;
      this.sellLocks.delete(key);
      this.move(rules.base, rest, -rest);
    }
  }

  private emit(event: AccountEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
