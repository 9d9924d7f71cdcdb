import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  BinanceReject,
  text8,
  type SpotAccount,
  type SpotOrder,
  type SpotTrade,
  type BinanceType,
} from './binance-spot-account';
import type { ExchangeReply, ExchangeRequest } from './local-exchange-server';

/** Binance's limit: a request's recvWindow may not exceed 60 s. */
const MAX_RECV_WINDOW = 60_000;

export interface SignedKey {
  readonly apiKey: string;
  readonly secret: string;
}

/**
 * Binance's SIGNED security, in the order Binance applies it: X-MBX-APIKEY, `timestamp`
 * within `recvWindow` of the server's time and at most 1 s ahead of it, and an HMAC-SHA256
 * hex signature over the payload (the query string of a GET/DELETE, the form body of a POST).
 */
export function verifySigned<K extends SignedKey>(
  request: ExchangeRequest,
  keys: ReadonlyMap<string, K>,
  serverTime: number,
): { key: K; params: Record<string, string> } | { error: ExchangeReply } {
  const header = request.headers['x-mbx-apikey'];
  const apiKey = typeof header === 'string' ? header : undefined;
  if (apiKey === undefined || !/^[A-Za-z0-9]{8,128}$/.test(apiKey)) {
    return { error: [401, { code: -2014, msg: 'API-key format invalid.' }] };
  }
  const key = keys.get(apiKey);
  if (key === undefined) {
    return {
      error: [401, { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' }],
    };
  }
  const payload =
    request.method === 'POST' || request.method === 'PUT' ? request.body : request.rawQuery;
  const params = Object.fromEntries(new URLSearchParams(payload).entries());
  const timestamp = Number(params['timestamp']);
  if (params['timestamp'] === undefined || !Number.isInteger(timestamp)) {
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
  const recvWindow = Number(params['recvWindow'] ?? 5000);
  if (!Number.isFinite(recvWindow) || recvWindow > MAX_RECV_WINDOW) {
    return { error: [400, { code: -1131, msg: 'recvWindow must be less than 60000' }] };
  }
  const match = /^(.*)&signature=([0-9a-fA-F]+)$/.exec(payload);
  if (match === null || !hmacMatches(key.secret, match[1] as string, match[2] as string)) {
    return { error: [400, { code: -1022, msg: 'Signature for this request is not valid.' }] };
  }
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
  return { key, params };
}

export function hmacMatches(secret: string, payload: string, hex: string): boolean {
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(hex, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** An order as Binance's order endpoints print it. */
export function orderJson(o: SpotOrder): Record<string, unknown> {
  return {
    symbol: o.symbol,
    orderId: o.orderId,
    orderListId: o.orderListId,
    clientOrderId: o.clientOrderId,
    price: text8(o.price),
    origQty: text8(o.qty),
    executedQty: text8(o.executed),
    cummulativeQuoteQty: text8(o.quoteExecuted),
    status: o.status,
    timeInForce: o.timeInForce,
    type: o.type,
    side: o.side,
    stopPrice: text8(o.stopPrice),
    icebergQty: '0.00000000',
    time: o.time,
    updateTime: o.updateTime,
    isWorking: o.type === 'STOP_LOSS_LIMIT' || o.type === 'TAKE_PROFIT_LIMIT' ? o.triggered : true,
    workingTime: o.time,
    origQuoteOrderQty: '0.00000000',
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

export function tradeJson(t: SpotTrade): Record<string, unknown> {
  return {
    symbol: t.symbol,
    id: t.id,
    orderId: t.orderId,
    orderListId: t.orderListId,
    price: text8(t.price),
    qty: text8(t.qty),
    quoteQty: text8((t.qty * t.price) / 100_000_000n),
    commission: text8(t.commission),
    commissionAsset: t.commissionAsset,
    time: t.time,
    isBuyer: t.side === 'BUY',
    isMaker: t.maker,
    isBestMatch: true,
  };
}

const ORDER_TYPES: readonly BinanceType[] = [
  'LIMIT',
  'MARKET',
  'STOP_LOSS',
  'STOP_LOSS_LIMIT',
  'TAKE_PROFIT_LIMIT',
  'LIMIT_MAKER',
];

export interface PrivateApiDeps {
  readonly account: SpotAccount;
  /** The best bid/ask of a Binance symbol id (BTCUSDT), in 1e-8 units. */
  readonly quote: (symbol: string) => { bid: bigint; ask: bigint } | undefined;
  readonly now: () => number;
}

/**
 * Binance's spot trading endpoints over one account: new order (LIMIT, MARKET, STOP_LOSS,
 * STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT, LIMIT_MAKER), query, cancel, cancel all of a symbol,
 * open orders, my trades, account balances, and the OCO order list. Params are the signed
 * ones; answers and errors are Binance's.
 */
export function privateRoute(
  deps: PrivateApiDeps,
  method: string,
  path: string,
  p: Record<string, string>,
): ExchangeReply {
  try {
    return route(deps, method, path, p);
  } catch (error) {
    if (error instanceof BinanceReject) return [error.status, { code: error.code, msg: error.msg }];
    throw error;
  }
}

function route(
  deps: PrivateApiDeps,
  method: string,
  path: string,
  p: Record<string, string>,
): ExchangeReply {
  const { account } = deps;
  switch (`${method} ${path}`) {
    case 'POST /api/v3/order':
      return [200, newOrder(deps, p)];
    case 'GET /api/v3/order': {
      const order = find(deps, p, -2013, 'Order does not exist.');
      return [200, orderJson(order)];
    }
    case 'DELETE /api/v3/order': {
      const order = find(deps, p, -2011, 'Unknown order sent.');
      cancelWithList(account, order);
      return [200, { ...orderJson(order), origClientOrderId: order.clientOrderId }];
    }
    case 'DELETE /api/v3/openOrders': {
      const symbol = required(p, 'symbol');
      const open = account.open(symbol);
      if (open.length === 0) throw new BinanceReject(400, -2011, 'Unknown order sent.');
      for (const order of open)
        if (order.status === 'NEW' || order.status === 'PARTIALLY_FILLED') account.cancel(order);
      return [200, open.map((o) => ({ ...orderJson(o), origClientOrderId: o.clientOrderId }))];
    }
    case 'GET /api/v3/openOrders':
      return [200, account.open(p['symbol']).map(orderJson)];
    case 'GET /api/v3/myTrades': {
      const symbol = required(p, 'symbol');
      const orderId = p['orderId'] === undefined ? undefined : Number(p['orderId']);
      const from = p['startTime'] === undefined ? -Infinity : Number(p['startTime']);
      const limit = Math.min(Number(p['limit'] ?? 500), 1000);
      const trades = account.trades
        .filter(
          (t) =>
            t.symbol === symbol &&
            (orderId === undefined || t.orderId === orderId) &&
            t.time >= from,
        )
        .slice(0, limit);
      return [200, trades.map(tradeJson)];
    }
    case 'GET /api/v3/account':
      return [
        200,
        {
          makerCommission: 10,
          takerCommission: 10,
          buyerCommission: 0,
          sellerCommission: 0,
          commissionRates: {
            maker: '0.00100000',
            taker: '0.00100000',
            buyer: '0.00000000',
            seller: '0.00000000',
          },
          canTrade: true,
          canWithdraw: false,
          canDeposit: true,
          brokered: false,
          requireSelfTradePrevention: false,
          preventSor: false,
          updateTime: deps.now(),
          accountType: 'SPOT',
          balances: account
            .balances()
            .map((b) => ({ asset: b.asset, free: text8(b.free), locked: text8(b.locked) })),
          permissions: ['SPOT'],
          uid: 354937868,
        },
      ];
    case 'POST /api/v3/orderList/oco':
      return [200, newOco(deps, p)];
    default:
      return [404, { code: -1000, msg: `local exchange: no route ${method} ${path}` }];
  }
}

function required(p: Record<string, string>, name: string): string {
  const value = p[name];
  if (value === undefined || value === '') {
    throw new BinanceReject(
      400,
      -1102,
      `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`,
    );
  }
  return value;
}

function quoteOf(deps: PrivateApiDeps, symbol: string): { bid: bigint; ask: bigint } {
  const quote = deps.quote(symbol);
  if (quote === undefined) throw new BinanceReject(400, -1121, 'Invalid symbol.');
  return quote;
}

function find(
  deps: PrivateApiDeps,
  p: Record<string, string>,
  code: number,
  msg: string,
): SpotOrder {
  const symbol = required(p, 'symbol');
  const cid = p['origClientOrderId'];
  const id = p['orderId'];
  if (cid === undefined && id === undefined) {
    throw new BinanceReject(
      400,
      -1102,
      "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
    );
  }
  // A client id names the newest order that carried it (Binance keeps ids unique among open
  // orders only).
  const found =
    cid !== undefined
      ? [...deps.account.orders]
          .reverse()
          .find((o) => o.symbol === symbol && o.clientOrderId === cid)
      : deps.account.byId(symbol, Number(id));
  if (found === undefined) throw new BinanceReject(400, code, msg);
  return found;
}

function cancelWithList(account: SpotAccount, order: SpotOrder): void {
  account.cancel(order);
  // Cancelling one leg of an OCO cancels the list.
  if (order.orderListId === -1) return;
  for (const peer of account.open(order.symbol))
    if (peer.orderListId === order.orderListId) account.cancel(peer);
}

function newOrder(deps: PrivateApiDeps, p: Record<string, string>): Record<string, unknown> {
  const symbol = required(p, 'symbol');
  const side = required(p, 'side');
  const type = required(p, 'type') as BinanceType;
  if (side !== 'BUY' && side !== 'SELL') throw new BinanceReject(400, -1117, 'Invalid side.');
  if (!ORDER_TYPES.includes(type)) throw new BinanceReject(400, -1116, 'Invalid orderType.');
  const needsPrice =
    type === 'LIMIT' ||
    type === 'STOP_LOSS_LIMIT' ||
    type === 'TAKE_PROFIT_LIMIT' ||
    type === 'LIMIT_MAKER';
  const needsStop =
    type === 'STOP_LOSS' || type === 'STOP_LOSS_LIMIT' || type === 'TAKE_PROFIT_LIMIT';
  const tif =
    p['timeInForce'] ??
    (type === 'MARKET' || type === 'STOP_LOSS' || type === 'LIMIT_MAKER' ? 'GTC' : undefined);
  if (tif === undefined) required(p, 'timeInForce');
  const order = deps.account.place(
    {
      symbol,
      side,
      type,
      timeInForce: tif as 'GTC' | 'IOC' | 'FOK',
      qty: required(p, 'quantity'),
      ...(needsPrice ? { price: required(p, 'price') } : {}),
      ...(needsStop ? { stopPrice: required(p, 'stopPrice') } : {}),
      clientOrderId: p['newClientOrderId'] ?? `local${Math.random().toString(36).slice(2, 12)}`,
    },
    quoteOf(deps, symbol),
  );
  const fills = deps.account.trades
    .filter((t) => t.orderId === order.orderId && t.symbol === symbol)
    .map((t) => ({
      price: text8(t.price),
      qty: text8(t.qty),
      commission: text8(t.commission),
      commissionAsset: t.commissionAsset,
      tradeId: t.id,
    }));
  return { ...orderJson(order), transactTime: order.time, fills };
}

/**
 * `POST /api/v3/orderList/oco`: an above leg (LIMIT_MAKER or TAKE_PROFIT_LIMIT) and a below leg
 * (STOP_LOSS or STOP_LOSS_LIMIT) that cancel each other.
 */
function newOco(deps: PrivateApiDeps, p: Record<string, string>): Record<string, unknown> {
  const symbol = required(p, 'symbol');
  const side = required(p, 'side') as 'BUY' | 'SELL';
  const qty = required(p, 'quantity');
  const aboveType = required(p, 'aboveType') as BinanceType;
  const belowType = required(p, 'belowType') as BinanceType;
  const quote = quoteOf(deps, symbol);
  const listId = deps.account.newListId();
  const leg = (prefix: 'above' | 'below', type: BinanceType): SpotOrder => {
    const tif = p[`${prefix}TimeInForce`];
    return deps.account.place(
      {
        symbol,
        side,
        type,
        timeInForce: (tif ?? 'GTC') as 'GTC',
        qty,
        ...(p[`${prefix}Price`] !== undefined ? { price: p[`${prefix}Price`] as string } : {}),
        ...(p[`${prefix}StopPrice`] !== undefined
          ? { stopPrice: p[`${prefix}StopPrice`] as string }
          : {}),
        clientOrderId: required(p, `${prefix}ClientOrderId`),
      },
      quote,
      listId,
    );
  };
  // Both legs are checked before either rests: a refused leg refuses the list.
  const below = leg('below', belowType);
  let above: SpotOrder;
  try {
    above = leg('above', aboveType);
  } catch (error) {
    deps.account.cancel(below);
    throw error;
  }
  const legs = [below, above];
  return {
    orderListId: listId,
    contingencyType: 'OCO',
    listStatusType: 'EXEC_STARTED',
    listOrderStatus: 'EXECUTING',
    listClientOrderId: p['listClientOrderId'] ?? `list${listId}`,
    transactionTime: deps.now(),
    symbol,
    orders: legs.map((o) => ({ symbol, orderId: o.orderId, clientOrderId: o.clientOrderId })),
    orderReports: legs.map(orderJson),
  };
}
