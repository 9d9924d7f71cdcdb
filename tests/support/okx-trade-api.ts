import type { SpotOrder } from './binance-spot-account';
import type { ExchangeReply } from './local-exchange-server';
import { okxReply } from './okx-payloads';
import {
  okxAlgoJson,
  okxBalanceJson,
  okxFillJson,
  okxOrderJson,
  type OkxAlgo,
} from './okx-trade-payloads';
import { OkxReject, type OkxTradingAccount } from './okx-trading-account';

type Params = Record<string, unknown>;

const CLIENT_ID = /^[A-Za-z0-9]{1,32}$/;

/**
 * OKX v5's spot trading endpoints over one account, as ccxt calls them: place (single and
 * batch), order details, pending orders, cancel (single and batch), fills, balance, and algo
 * orders (place conditional/oco, details, pending, cancel-algos). Item refusals come back as
 * OKX sends them: HTTP 200, `code` "1" (all failed) or "2" (some), each item's sCode/sMsg.
 */
export function okxTradeRoute(
  account: OkxTradingAccount,
  now: () => number,
  method: string,
  path: string,
  query: Record<string, string>,
  body: unknown,
): ExchangeReply | undefined {
  try {
    return route(account, now, `${method} ${path}`, query, body);
  } catch (error) {
    if (error instanceof OkxReject) return [200, okxReply([], error.code, error.msg)];
    throw error;
  }
}

function route(
  account: OkxTradingAccount,
  now: () => number,
  endpoint: string,
  q: Record<string, string>,
  body: unknown,
): ExchangeReply | undefined {
  switch (endpoint) {
    case 'POST /api/v5/trade/order':
      return items(account, now, [body as Params], placeOne, 'Order placed');
    case 'POST /api/v5/trade/batch-orders':
      return items(account, now, list(body), placeOne, 'Order placed');
    case 'GET /api/v5/trade/order':
      return [200, okxReply([orderJson(account, findOrder(account, q))])];
    case 'GET /api/v5/trade/orders-pending':
      return [
        200,
        okxReply(
          account.spot
            .open(q['instId'])
            .reverse()
            .map((o) => orderJson(account, o)),
        ),
      ];
    case 'POST /api/v5/trade/cancel-order':
      return items(account, now, [body as Params], cancelOne, '');
    case 'POST /api/v5/trade/cancel-batch-orders':
      return items(account, now, list(body), cancelOne, '');
    case 'GET /api/v5/trade/fills':
    case 'GET /api/v5/trade/fills-history':
      return [200, okxReply(fills(account, q))];
    case 'GET /api/v5/account/balance':
      return [200, okxReply([okxBalanceJson(account.spot.balances(), now())])];
    case 'POST /api/v5/trade/order-algo':
      return items(account, now, [body as Params], placeAlgo, 'Order placed');
    case 'GET /api/v5/trade/order-algo':
      return [200, okxReply([okxAlgoJson(findAlgo(account, q))])];
    case 'GET /api/v5/trade/orders-algo-pending': {
      const ordType = q['ordType'];
      if (ordType === undefined || ordType === '') {
        throw new OkxReject('50014', 'Parameter ordType can not be empty.');
      }
      const pending = account.algos.filter(
        (a) =>
          a.state === 'live' &&
          ordType.split(',').includes(a.ordType) &&
          (q['instId'] === undefined || a.instId === q['instId']),
      );
      return [200, okxReply([...pending].reverse().map(okxAlgoJson))];
    }
    case 'POST /api/v5/trade/cancel-algos':
      return items(account, now, list(body), cancelAlgo, '');
    default:
      return undefined;
  }
}

function list(body: unknown): Params[] {
  if (!Array.isArray(body)) throw new OkxReject('50014', 'Parameter array can not be empty.');
  return body as Params[];
}

function text(p: Params, name: string): string | undefined {
  const v = p[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function required(p: Params, name: string): string {
  const v = text(p, name);
  if (v === undefined) throw new OkxReject('50014', `Parameter ${name} can not be empty.`);
  return v;
}

/** Each item processed on its own; the reply says which were refused and why. */
function items(
  account: OkxTradingAccount,
  now: () => number,
  requests: readonly Params[],
  each: (account: OkxTradingAccount, p: Params) => Record<string, string>,
  okMsg: string,
): ExchangeReply {
  const data = requests.map((p) => {
    try {
      return { ...each(account, p), sCode: '0', sMsg: okMsg, ts: String(now()) };
    } catch (error) {
      if (!(error instanceof OkxReject)) throw error;
      return {
        clOrdId: text(p, 'clOrdId') ?? '',
        ordId: '',
        ...(text(p, 'algoClOrdId') === undefined
          ? {}
          : { algoClOrdId: text(p, 'algoClOrdId') ?? '', algoId: '' }),
        tag: '',
        sCode: error.code,
        sMsg: error.msg,
        ts: String(now()),
      };
    }
  });
  const failed = data.filter((d) => d.sCode !== '0').length;
  if (failed === 0) return [200, okxReply(data)];
  const all = failed === data.length;
  return [
    200,
    okxReply(
      data,
      all ? '1' : '2',
      all ? 'All operations failed' : 'Bulk operation partially succeeded.',
    ),
  ];
}

function cashOnly(p: Params): void {
  // The local account trades spot without margin: anything but cash would borrow.
  if (required(p, 'tdMode') !== 'cash') throw new OkxReject('51000', 'Parameter tdMode error');
}

function clientId(p: Params, name: string): string {
  const id = text(p, name);
  if (id !== undefined && !CLIENT_ID.test(id)) {
    throw new OkxReject('51000', `Parameter ${name} error`);
  }
  return id ?? '';
}

function side(p: Params): 'buy' | 'sell' {
  const s = required(p, 'side');
  if (s !== 'buy' && s !== 'sell') throw new OkxReject('51000', 'Parameter side error');
  return s;
}

function placeOne(account: OkxTradingAccount, p: Params): Record<string, string> {
  cashOnly(p);
  const order = account.place({
    instId: required(p, 'instId'),
    side: side(p),
    ordType: required(p, 'ordType'),
    sz: required(p, 'sz'),
    ...(text(p, 'px') === undefined ? {} : { px: text(p, 'px') as string }),
    clOrdId: clientId(p, 'clOrdId'),
    tgtCcy: text(p, 'tgtCcy') ?? 'quote_ccy',
  });
  return { ordId: String(order.orderId), clOrdId: order.clientOrderId, tag: text(p, 'tag') ?? '' };
}

function findOrder(account: OkxTradingAccount, p: Params): SpotOrder {
  const instId = required(p, 'instId');
  const cid = text(p, 'clOrdId');
  const id = text(p, 'ordId');
  if (cid === undefined && id === undefined) {
    throw new OkxReject('51000', 'Either parameter ordId or clOrdId is required.');
  }
  // A client id names the newest order that carried it.
  const found = [...account.spot.orders]
    .reverse()
    .find(
      (o) =>
        o.symbol === instId &&
        (id !== undefined ? String(o.orderId) === id : o.clientOrderId === cid),
    );
  if (found === undefined) throw new OkxReject('51603', 'Order does not exist');
  return found;
}

function orderJson(account: OkxTradingAccount, o: SpotOrder): Record<string, string> {
  return okxOrderJson(o, account.metaOf(o), account.spot.trades);
}

function cancelOne(account: OkxTradingAccount, p: Params): Record<string, string> {
  let order: SpotOrder;
  try {
    order = findOrder(account, p);
  } catch {
    throw new OkxReject(
      '51400',
      'Order cancellation failed as the order has been filled, canceled or does not exist.',
    );
  }
  if (order.status === 'CANCELED' || order.status === 'EXPIRED') {
    throw new OkxReject('51401', 'Order cancellation failed as the order has been canceled.');
  }
  if (order.status === 'FILLED') {
    throw new OkxReject('51402', 'Order cancellation failed as the order has been completed.');
  }
  account.spot.cancel(order);
  return { ordId: String(order.orderId), clOrdId: order.clientOrderId };
}

function fills(account: OkxTradingAccount, q: Record<string, string>): Record<string, string>[] {
  const begin = q['begin'] === undefined ? -Infinity : Number(q['begin']);
  const end = q['end'] === undefined ? Infinity : Number(q['end']);
  const limit = Math.min(Number(q['limit'] ?? 100), 100);
  return account.spot.trades
    .filter(
      (t) =>
        (q['instId'] === undefined || t.symbol === q['instId']) &&
        (q['ordId'] === undefined || String(t.orderId) === q['ordId']) &&
        t.time >= begin &&
        t.time <= end,
    )
    .reverse()
    .slice(0, limit)
    .map((t) => {
      const order = account.spot.byId(t.symbol, t.orderId);
      return okxFillJson(t, t.symbol, order?.clientOrderId ?? '');
    });
}

function placeAlgo(account: OkxTradingAccount, p: Params): Record<string, string> {
  cashOnly(p);
  const ordType = required(p, 'ordType');
  if (ordType !== 'conditional' && ordType !== 'oco') {
    throw new OkxReject(
      '51000',
      'Parameter ordType error (the local exchange has conditional and oco)',
    );
  }
  const leg = (prefix: 'sl' | 'tp'): { trigger: string; px: string } | null => {
    const trigger = text(p, `${prefix}TriggerPx`);
    if (trigger === undefined) return null;
    return { trigger, px: required(p, `${prefix}OrdPx`) };
  };
  const sl = leg('sl');
  const tp = leg('tp');
  if (ordType === 'oco' && (sl === null || tp === null)) {
    throw new OkxReject('51000', 'Parameter slTriggerPx error');
  }
  if (sl === null && tp === null) throw new OkxReject('51000', 'Parameter slTriggerPx error');
  const algo = account.placeAlgo({
    instId: required(p, 'instId'),
    side: side(p),
    ordType,
    sz: required(p, 'sz'),
    algoClOrdId: clientId(p, 'algoClOrdId'),
    clOrdId: clientId(p, 'clOrdId'),
    sl,
    tp,
  });
  return { algoId: algo.algoId, algoClOrdId: algo.algoClOrdId, clOrdId: algo.clOrdId, tag: '' };
}

function findAlgo(account: OkxTradingAccount, p: Params): OkxAlgo {
  const id = text(p, 'algoId');
  const cid = text(p, 'algoClOrdId');
  if (id === undefined && cid === undefined) {
    throw new OkxReject('51000', 'Either parameter algoId or algoClOrdId is required.');
  }
  const found = [...account.algos]
    .reverse()
    .find((a) => (id !== undefined ? a.algoId === id : a.algoClOrdId === cid));
  if (found === undefined) throw new OkxReject('51603', 'Order does not exist');
  return found;
}

function cancelAlgo(account: OkxTradingAccount, p: Params): Record<string, string> {
  let algo: OkxAlgo;
  try {
    algo = findAlgo(account, p);
  } catch {
    throw new OkxReject(
      '51400',
      'Cancellation failed as the order has been filled, canceled or does not exist.',
    );
  }
  account.cancelAlgo(algo);
  return { algoId: algo.algoId, algoClOrdId: algo.algoClOrdId };
}
