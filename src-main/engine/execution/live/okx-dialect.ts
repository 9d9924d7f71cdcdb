import type { Exchange, Order, Trade } from 'ccxt';
import type { OrderTerms, SubmitRequest } from '../broker';
import type { LiveDialect, OrderRef, VenueReject } from './venue-dialect';

/**
 * OKX's refusal in a ccxt message: ccxt appends the whole reply, `{"code":"1","data":[{"sCode":
 * "51008","sMsg":"..."}],"msg":""}` for an order refused item by item, `{"code":"50011",...}`
 * for a refusal of the request.
 */
export function okxReject(message: string): VenueReject | null {
  const start = message.indexOf('{');
  if (start === -1) return null;
  let body: { code?: unknown; msg?: unknown; data?: unknown };
  try {
    body = JSON.parse(message.slice(start)) as typeof body;
  } catch {
    return null;
  }
  const items = Array.isArray(body.data) ? (body.data as Array<Record<string, unknown>>) : [];
  const item = items.find((d) => typeof d['sCode'] === 'string' && d['sCode'] !== '0');
  const code = item?.['sCode'] ?? body.code;
  const msg = item?.['sMsg'] ?? body.msg;
  if (typeof code !== 'string' || !/^\d+$/.test(code) || code === '0') return null;
  return { code: Number(code), msg: typeof msg === 'string' ? msg.trim() : '' };
}

/** A stop rests at OKX as an algo order (order-algo), not in the order book. */
function isAlgo(terms: OrderTerms | null): boolean {
  return terms !== null && terms.stopPrice !== null;
}

/** The algo order's client id an order of ours lives under: its own, or its OCO's (the stop's). */
function algoClientId(ref: OrderRef): string | null {
  if (ref.listId !== null) return ref.listId;
  return isAlgo(ref.terms) ? ref.clientOrderId : null;
}

interface AlgoInfo {
  readonly algoClOrdId?: string;
  readonly algoId?: string;
  readonly state?: string;
  readonly ordType?: string;
  /** Which side of an OCO fired: 'sl' or 'tp' (a conditional stop: 'sl'). */
  readonly actualSide?: string;
  readonly ordIdList?: readonly string[];
  readonly ordId?: string;
}

const infoOf = (order: Order): AlgoInfo => (order.info ?? {}) as AlgoInfo;

/** An exchange order shown as one leg of ours: our client id, a state, what filled. */
function asLeg(order: Order, clientOrderId: string, patch: Partial<Order> = {}): Order {
  return { ...order, clientOrderId, ...patch };
}

/** One of our orders as OKX shows it, and the exchange order whose fills are ours. */
interface Resolved {
  readonly order: Order;
  /** The order id whose trades filled ours; null while nothing could have filled. */
  readonly fillsOf: string | null;
}

/**
 * One of our orders that rests at OKX as (part of) an algo order: the algo while it waits; once
 * it fired, the order it placed when our leg fired (its fills are ours), or expired when the
 * OCO's other leg fired. The algo's id stays our venue order id throughout.
 */
async function algoLeg(exchange: Exchange, ref: OrderRef, algoCid: string): Promise<Resolved> {
  const algo = await exchange.fetchOrder('', ref.symbol, { trigger: true, clOrdId: algoCid });
  const info = infoOf(algo);
  const ourSide = ref.terms?.stopPrice !== null ? 'sl' : 'tp';
  const unfilled = { filled: 0, average: undefined };
  if (info.state !== 'effective') {
    return { order: asLeg(algo, ref.clientOrderId, unfilled), fillsOf: null };
  }
  if ((info.actualSide ?? 'sl') !== ourSide) {
    const expired = asLeg(algo, ref.clientOrderId, { ...unfilled, status: 'expired' });
    return { order: expired, fillsOf: null };
  }
  const childId = info.ordIdList?.[0] ?? info.ordId;
  if (childId === undefined || childId === '') {
    throw new Error(`okx algo ${algoCid} fired but names no order it placed`);
  }
  const child = await exchange.fetchOrder(childId, ref.symbol);
  return { order: asLeg(child, ref.clientOrderId, { id: algo.id }), fillsOf: childId };
}

/**
 * Orders placed at OKX without a client id (its website and apps send none) are named by the
 * exchange's own id, so each one can be listed, adopted or cancelled on its own.
 */
const UNNAMED = { order: 'okx-ordId:', algo: 'okx-algoId:' } as const;

function unnamed(clientOrderId: string): { kind: 'order' | 'algo'; id: string } | null {
  for (const kind of ['order', 'algo'] as const) {
    if (clientOrderId.startsWith(UNNAMED[kind])) {
      return { kind, id: clientOrderId.slice(UNNAMED[kind].length) };
    }
  }
  return null;
}

const nameOf = (cid: string | undefined, kind: 'order' | 'algo', id: string): string =>
  cid === undefined || cid === '' ? `${UNNAMED[kind]}${id}` : cid;

async function resolve(exchange: Exchange, ref: OrderRef): Promise<Resolved> {
  const foreign = unnamed(ref.clientOrderId);
  if (foreign !== null) {
    const trigger = foreign.kind === 'algo' ? { trigger: true } : {};
    const order = await exchange.fetchOrder(foreign.id, ref.symbol, trigger);
    return {
      order: asLeg(order, ref.clientOrderId),
      fillsOf: foreign.kind === 'order' ? foreign.id : null,
    };
  }
  const algoCid = algoClientId(ref);
  if (algoCid !== null) return algoLeg(exchange, ref, algoCid);
  const order = await exchange.fetchOrder(ref.venueOrderId ?? '', ref.symbol, {
    clOrdId: ref.clientOrderId,
  });
  return { order, fillsOf: order.id ?? null };
}

/** Algo orders Vigil places: conditional stops and OCO pairs. */
const ALGO_TYPES = ['conditional', 'oco'] as const;

async function openAlgos(exchange: Exchange, symbol?: string): Promise<Order[]> {
  const lists = await Promise.all(
    ALGO_TYPES.map((ordType) =>
      exchange.fetchOpenOrders(symbol, undefined, undefined, { ordType }),
    ),
  );
  // ccxt names an algo by the child's clOrdId; ours is the algo's own client id.
  return lists.flat().map((o) => asLeg(o, nameOf(infoOf(o).algoClOrdId, 'algo', String(o.id))));
}

/** OKX's batch endpoints take at most 20 orders (cancel-batch-orders) and 10 algos. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * OKX v5 spot: our id in `clOrdId` (an algo order also under `algoClOrdId`, since OKX looks algos
 * up and cancels them by that), `tdMode: cash` on every order (ccxt would send a conditional
 * order as `cross`, a margin order), stops as conditional algo orders with a market price
 * (`slOrdPx -1`: a true stop-market, resting at OKX), bracket exits as one `oco` algo order,
 * cancels by client id (algos through cancel-algos) answered by a lookup (OKX's cancel answer
 * carries no state), the kill's cancel-all as batch cancels of the open orders and open algos.
 */
export const okxDialect: LiveDialect = {
  ackHasState: false,
  prepare: () => {},
  orderParams(r: SubmitRequest): Record<string, string> {
    const params: Record<string, string> = { clOrdId: r.clientOrderId, tdMode: 'cash' };
    if (r.stopPrice !== null) params['algoClOrdId'] = r.clientOrderId;
    return params;
  },
  rejectOf: okxReject,
  fetchOrder: async (exchange, ref) => (await resolve(exchange, ref)).order,
  async cancelOrder(exchange, ref) {
    const algoCid = algoClientId(ref);
    const foreign = unnamed(ref.clientOrderId);
    if (foreign !== null) {
      await exchange.cancelOrder(
        foreign.id,
        ref.symbol,
        foreign.kind === 'algo' ? { trigger: true } : {},
      );
    } else if (algoCid !== null) {
      await exchange.cancelOrder(ref.venueOrderId ?? '', ref.symbol, {
        trigger: true,
        clOrdId: algoCid,
      });
    } else {
      await exchange.cancelOrder(ref.venueOrderId ?? '', ref.symbol, {
        clOrdId: ref.clientOrderId,
      });
    }
    return okxDialect.fetchOrder(exchange, ref);
  },
  async cancelAll(exchange, symbol) {
    const [orders, algos] = await Promise.all([
      exchange.fetchOpenOrders(symbol),
      openAlgos(exchange, symbol),
    ]);
    const canceled: Order[] = [];
    const collect = (listed: readonly Order[], answers: readonly Order[]): void => {
      const refused = new Set(answers.filter((a) => a.status === 'rejected').map((a) => a.id));
      for (const o of listed) if (!refused.has(o.id)) canceled.push({ ...o, status: 'canceled' });
    };
    for (const part of chunks(orders, 20)) {
      collect(
        part,
        await exchange.cancelOrders(
          part.map((o) => String(o.id)),
          symbol,
        ),
      );
    }
    for (const part of chunks(algos, 10)) {
      collect(
        part,
        await exchange.cancelOrders(
          part.map((o) => String(o.id)),
          symbol,
          { trigger: true },
        ),
      );
    }
    return canceled;
  },
  async openOrders(exchange, symbol) {
    const [orders, algos] = await Promise.all([
      exchange.fetchOpenOrders(symbol),
      openAlgos(exchange, symbol),
    ]);
    const named = orders.map((o) => asLeg(o, nameOf(o.clientOrderId, 'order', String(o.id))));
    return [...named, ...algos];
  },
  async orderTrades(exchange, ref) {
    // An algo's fills are those of the order it placed when it fired.
    const ordId = (await resolve(exchange, ref)).fillsOf;
    if (ordId === null) return [];
    const trades = await exchange.fetchMyTrades(ref.symbol, undefined, undefined, { ordId });
    return trades.filter((t) => String(t.order) === ordId);
  },
  async placeOco(exchange, stop, target) {
    if (stop.stopPrice === null || target.price === null) {
      throw new Error(
        `OCO ${stop.ocoGroup ?? ''}: the stop needs a trigger and the target a price`,
      );
    }
    // Type 'oco' itself: ccxt sends an order with both triggers to order-algo only when the
    // type says so (as 'market' it would post it to batch-orders, which refuses it).
    const order = await exchange.createOrder(
      stop.symbol,
      'oco',
      stop.side,
      Number(stop.qty),
      undefined,
      {
        ...okxDialect.orderParams(stop),
        stopLossPrice: stop.stopPrice,
        takeProfitPrice: target.price,
        // The target is a limit at its price once touched; the stop a market order.
        tpOrdPx: target.price,
      },
    );
    return { stop: asLeg(order, stop.clientOrderId), target: asLeg(order, target.clientOrderId) };
  },
  // An algo's own client id (an OCO's target leg lives under its stop's): how OKX finds it.
  listIdOf(order: Order): string | null {
    const cid = infoOf(order).algoClOrdId;
    return cid === undefined || cid === '' ? null : cid;
  },
  streamMatch(pushed) {
    const info = (pushed.info ?? {}) as { algoId?: string; clOrdId?: string };
    // An order an algo placed when it fired: which leg of ours it is, only the algo can say.
    if (info.algoId !== undefined && info.algoId !== '') return { needsRest: true };
    return info.clOrdId === undefined || info.clOrdId === ''
      ? null
      : { clientOrderId: info.clOrdId };
  },
  streamTrade(trade: Trade): Trade {
    // ccxt's websocket parse keeps OKX's sign (a charged fee is negative); its REST parse
    // flips it. The ledger books the fee as REST reports it, whichever path comes first.
    const fee = trade.fee;
    if (fee?.cost === undefined) return trade;
    return { ...trade, fee: { ...fee, cost: -fee.cost } };
  },
};
