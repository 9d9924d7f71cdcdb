import {
  BinanceReject,
  SpotAccount,
  units,
  type AccountEvent,
  type SpotMarketRules,
  type SpotOrder,
} from './binance-spot-account';
import type { OkxAlgo, OkxOrderMeta } from './okx-trade-payloads';

/** OKX's refusal of one order (sCode/sMsg) or of a request (code/msg). */
export class OkxReject extends Error {
  constructor(
    readonly code: string,
    readonly msg: string,
  ) {
    super(`${code} ${msg}`);
  }
}

/** A new order as OKX's place-order endpoint takes it, checked field by field. */
export interface OkxNewOrder {
  readonly instId: string;
  readonly side: 'buy' | 'sell';
  readonly ordType: string;
  readonly sz: string;
  readonly px?: string;
  readonly clOrdId: string;
  readonly tgtCcy: string;
}

/** A new algo order: a conditional stop or an OCO pair. */
export interface OkxNewAlgo {
  readonly instId: string;
  readonly side: 'buy' | 'sell';
  readonly ordType: 'conditional' | 'oco';
  readonly sz: string;
  readonly algoClOrdId: string;
  readonly clOrdId: string;
  readonly sl: { trigger: string; px: string } | null;
  readonly tp: { trigger: string; px: string } | null;
}

/**
 * The matching engine's refusals in OKX's words. The engine (binance-spot-account.ts) keeps
 * balances, orders and fills exactly; what a refusal is called is the exchange's.
 */
function okxRefusal(error: unknown, quote: string): never {
  if (!(error instanceof BinanceReject)) throw error;
  const m = error.msg;
  if (m.includes('LOT_SIZE')) {
    throw new OkxReject('51020', 'Order amount should be greater than the min available amount.');
  }
  if (m.includes('PRICE_FILTER')) throw new OkxReject('51000', 'Parameter px error');
  if (m.startsWith('Duplicate')) throw new OkxReject('51016', 'Duplicated clOrdId');
  if (m.includes('insufficient balance')) {
    throw new OkxReject('51008', `Order failed. Insufficient ${quote} balance in account.`);
  }
  if (m.includes('immediately match')) {
    throw new OkxReject('51124', 'You can only place limit orders after Call Auction has started.');
  }
  if (error.code === -1121) throw new OkxReject('51001', 'Instrument ID does not exist.');
  throw new OkxReject('51000', m);
}

const ORD_TYPES: Record<
  string,
  { type: 'LIMIT' | 'MARKET' | 'LIMIT_MAKER'; tif: 'GTC' | 'IOC' | 'FOK' }
> = {
  limit: { type: 'LIMIT', tif: 'GTC' },
  market: { type: 'MARKET', tif: 'GTC' },
  post_only: { type: 'LIMIT_MAKER', tif: 'GTC' },
  ioc: { type: 'LIMIT', tif: 'IOC' },
  fok: { type: 'LIMIT', tif: 'FOK' },
};

/**
 * One OKX trading account on the local exchange: the exact matching engine the local Binance
 * uses (balances, resting orders, fills), OKX's own order fields beside it, and OKX's algo
 * orders, which do not rest in the book: a conditional stop or an OCO waits for the last price
 * to cross its trigger, then places an order of its own (market, or limit at its order price).
 */
export class OkxTradingAccount {
  readonly spot: SpotAccount;
  readonly algos: OkxAlgo[] = [];
  private readonly meta = new Map<number, OkxOrderMeta>();
  private nextAlgoId = 700_000_000;

  constructor(
    private readonly rules: (instId: string) => SpotMarketRules | undefined,
    private readonly clock: () => number,
    /** The best bid/ask of an instrument, in 1e-8 units. */
    private readonly quote: (instId: string) => { bid: bigint; ask: bigint } | undefined,
  ) {
    this.spot = new SpotAccount(rules, clock);
  }

  onEvent(listener: (e: AccountEvent) => void): () => void {
    return this.spot.onEvent(listener);
  }

  /** OKX's fields of an order (the engine may report one while it is being placed). */
  metaOf(order: SpotOrder): OkxOrderMeta {
    const known = this.meta.get(order.orderId);
    if (known !== undefined) return known;
    if (this.placing === undefined) throw new Error(`no OKX fields for order ${order.orderId}`);
    this.meta.set(order.orderId, this.placing);
    return this.placing;
  }

  place(input: OkxNewOrder, placedBy?: OkxAlgo): SpotOrder {
    const rules = this.rules(input.instId);
    const quote = this.quote(input.instId);
    if (rules === undefined || quote === undefined) {
      throw new OkxReject('51001', 'Instrument ID does not exist.');
    }
    const kind = ORD_TYPES[input.ordType];
    if (kind === undefined) throw new OkxReject('51000', 'Parameter ordType error');
    if (kind.type === 'MARKET' && input.side === 'buy' && input.tgtCcy !== 'base_ccy') {
      // OKX sizes a spot market buy in the quote currency unless told otherwise.
      throw new OkxReject(
        '51000',
        'Parameter tgtCcy error (the local exchange sizes market buys in base_ccy only)',
      );
    }
    this.placing = {
      instId: input.instId,
      ordType: input.ordType,
      tgtCcy: input.tgtCcy,
      algoId: placedBy?.algoId ?? '',
      algoClOrdId: placedBy?.algoClOrdId ?? '',
    };
    try {
      const order = this.spot.place(
        {
          symbol: input.instId,
          side: input.side === 'buy' ? 'BUY' : 'SELL',
          type: kind.type,
          timeInForce: kind.tif,
          qty: input.sz,
          ...(kind.type === 'MARKET' ? {} : { price: input.px ?? '' }),
          clientOrderId: input.clOrdId,
        },
        quote,
      );
      this.metaOf(order);
      return order;
    } catch (error) {
      return okxRefusal(error, input.side === 'buy' ? rules.quote : rules.base);
    } finally {
      this.placing = undefined;
    }
  }

  /** OKX's fields of the order being placed (the engine reports it before place returns). */
  private placing: OkxOrderMeta | undefined;

  placeAlgo(input: OkxNewAlgo): OkxAlgo {
    const rules = this.rules(input.instId);
    const quote = this.quote(input.instId);
    if (rules === undefined || quote === undefined) {
      throw new OkxReject('51001', 'Instrument ID does not exist.');
    }
    if (this.algos.some((a) => a.state === 'live' && a.algoClOrdId === input.algoClOrdId)) {
      throw new OkxReject('51016', 'Duplicated clOrdId');
    }
    const sz = units(input.sz);
    if (sz < rules.minQty || sz % rules.step !== 0n) {
      throw new OkxReject('51020', 'Order amount should be greater than the min available amount.');
    }
    const leg = (l: { trigger: string; px: string } | null, what: 'sl' | 'tp') => {
      if (l === null) return null;
      const trigger = units(l.trigger);
      const px = l.px === '-1' ? null : units(l.px);
      for (const p of [trigger, px]) {
        if (p !== null && p % rules.tick !== 0n) {
          throw new OkxReject('51000', `Parameter ${what}TriggerPx error`);
        }
      }
      return { trigger, px };
    };
    const sl = leg(input.sl, 'sl');
    const tp = leg(input.tp, 'tp');
    const last = (quote.bid + quote.ask) / 2n;
    const sell = input.side === 'sell';
    if (sl !== null && (sell ? sl.trigger >= last : sl.trigger <= last)) {
      throw sell
        ? new OkxReject('51280', 'SL trigger price must be less than the last price')
        : new OkxReject('51278', 'SL trigger price must be greater than the last price');
    }
    if (tp !== null && (sell ? tp.trigger <= last : tp.trigger >= last)) {
      throw sell
        ? new OkxReject('51279', 'TP trigger price must be greater than the last price')
        : new OkxReject('51277', 'TP trigger price must be less than the last price');
    }
    const asset = sell ? rules.base : rules.quote;
    const needed = sell ? sz : (sz * (sl?.trigger ?? tp?.trigger ?? last)) / 100_000_000n;
    const free = this.spot.balances().find((b) => b.asset === asset)?.free ?? 0n;
    if (free < needed) {
      throw new OkxReject('51008', `Order failed. Insufficient ${asset} balance in account.`);
    }
    const now = this.clock();
    const algo: OkxAlgo = {
      algoId: String(this.nextAlgoId++),
      algoClOrdId: input.algoClOrdId,
      clOrdId: input.clOrdId,
      instId: input.instId,
      side: input.side,
      ordType: input.ordType,
      sz,
      sl,
      tp,
      state: 'live',
      actualSide: '',
      actualPx: null,
      ordIdList: [],
      failCode: '',
      triggerTime: null,
      cTime: now,
      uTime: now,
    };
    this.algos.push(algo);
    return algo;
  }

  cancelAlgo(algo: OkxAlgo): void {
    if (algo.state !== 'live') {
      throw new OkxReject(
        '51400',
        'Cancellation failed as the order has been filled, canceled or does not exist.',
      );
    }
    algo.state = 'canceled';
    algo.uTime = this.clock();
  }

  /**
   * The last price moved: resting orders that the quote reaches fill; live algos whose trigger
   * the last price crossed fire, each placing its order (one OCO leg fires, the other is gone).
   */
  tick(instId: string, last: bigint): void {
    const quote = this.quote(instId);
    if (quote !== undefined) this.spot.tick(instId, quote);
    for (const algo of this.algos) {
      if (algo.state !== 'live' || algo.instId !== instId) continue;
      const sell = algo.side === 'sell';
      const slHit = algo.sl !== null && (sell ? last <= algo.sl.trigger : last >= algo.sl.trigger);
      const tpHit = algo.tp !== null && (sell ? last >= algo.tp.trigger : last <= algo.tp.trigger);
      if (!slHit && !tpHit) continue;
      const fired = (slHit ? algo.sl : algo.tp) as { trigger: bigint; px: bigint | null };
      algo.actualSide = slHit ? 'sl' : 'tp';
      algo.actualPx = fired.px;
      algo.triggerTime = this.clock();
      algo.uTime = this.clock();
      try {
        const child = this.place(
          {
            instId,
            side: algo.side,
            ordType: fired.px === null ? 'market' : 'limit',
            sz: okxUnits(algo.sz),
            ...(fired.px === null ? {} : { px: okxUnits(fired.px) }),
            clOrdId: algo.clOrdId,
            tgtCcy: 'base_ccy',
          },
          algo,
        );
        algo.ordIdList.push(String(child.orderId));
        algo.state = 'effective';
      } catch (error) {
        if (!(error instanceof OkxReject)) throw error;
        algo.state = 'order_failed';
        algo.failCode = error.code;
      }
    }
  }
}

function okxUnits(v: bigint): string {
  return `${v / 100_000_000n}.${(v % 100_000_000n).toString().padStart(8, '0')}`;
}
