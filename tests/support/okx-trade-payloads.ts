import { E8, type SpotOrder, type SpotTrade } from './binance-spot-account';

// OKX v5 trading payloads (orders, algo orders, fills, balances), shaped as OKX sends them,
// for the local OKX exchange. Amounts are the account's 1e-8 integers.

/** A 1e-8 amount as OKX prints it: a plain decimal, no trailing zeros ('0.01', '6000'). */
export function okxNumber(v: bigint): string {
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  const frac = (a % E8).toString().padStart(8, '0').replace(/0+$/, '');
  return `${sign}${a / E8}${frac === '' ? '' : `.${frac}`}`;
}

/** What OKX keeps of an order beyond the matching engine's view of it. */
export interface OkxOrderMeta {
  readonly instId: string;
  /** limit, market, post_only, ioc, fok. */
  readonly ordType: string;
  readonly tgtCcy: string;
  /** The algo order that placed it when it fired ('' for an order placed directly). */
  readonly algoId: string;
  readonly algoClOrdId: string;
}

export type OkxOrderState = 'live' | 'partially_filled' | 'filled' | 'canceled';

export function okxState(o: SpotOrder): OkxOrderState {
  switch (o.status) {
    case 'NEW':
      return 'live';
    case 'PARTIALLY_FILLED':
      return 'partially_filled';
    case 'FILLED':
      return 'filled';
    default:
      // An IOC's unfilled rest and a cancel both end as canceled on OKX.
      return 'canceled';
  }
}

/** `GET /api/v5/trade/order` (and orders-pending, and the `orders` channel's order fields). */
export function okxOrderJson(
  o: SpotOrder,
  meta: OkxOrderMeta,
  trades: readonly SpotTrade[],
): Record<string, string> {
  const mine = trades.filter((t) => t.orderId === o.orderId && t.symbol === o.symbol);
  const last = mine.at(-1);
  const fee = mine.reduce((sum, t) => sum + t.commission, 0n);
  return {
    instType: 'SPOT',
    instId: meta.instId,
    tgtCcy: meta.tgtCcy,
    ccy: '',
    ordId: String(o.orderId),
    clOrdId: o.clientOrderId,
    tag: '',
    px: o.price === 0n ? '' : okxNumber(o.price),
    pxUsd: '',
    pxVol: '',
    pxType: '',
    sz: okxNumber(o.qty),
    pnl: '0',
    ordType: meta.ordType,
    side: o.side.toLowerCase(),
    posSide: 'net',
    tdMode: 'cash',
    accFillSz: okxNumber(o.executed),
    fillPx: last === undefined ? '' : okxNumber(last.price),
    tradeId: last === undefined ? '' : String(last.id),
    fillSz: last === undefined ? '0' : okxNumber(last.qty),
    fillTime: last === undefined ? '' : String(last.time),
    avgPx: o.executed === 0n ? '' : okxNumber((o.quoteExecuted * E8) / o.executed),
    state: okxState(o),
    lever: '',
    attachAlgoClOrdId: '',
    tpTriggerPx: '',
    tpTriggerPxType: '',
    tpOrdPx: '',
    slTriggerPx: '',
    slTriggerPxType: '',
    slOrdPx: '',
    stpId: '',
    stpMode: 'cancel_maker',
    feeCcy: last?.commissionAsset ?? '',
    fee: fee === 0n ? '0' : okxNumber(-fee),
    rebateCcy: '',
    rebate: '0',
    source: '',
    category: 'normal',
    reduceOnly: 'false',
    isTpLimit: 'false',
    cancelSource: o.status === 'CANCELED' ? '1' : '',
    quickMgnType: '',
    algoClOrdId: meta.algoClOrdId,
    algoId: meta.algoId,
    uTime: String(o.updateTime),
    cTime: String(o.time),
  };
}

/**
 * The `orders` channel's push of one order change: the order's fields, with the fill that
 * caused it (tradeId, fillSz, fillFee...) or empty fill fields for other changes.
 */
export function okxOrderPush(
  o: SpotOrder,
  meta: OkxOrderMeta,
  trades: readonly SpotTrade[],
  trade: SpotTrade | undefined,
): Record<string, string> {
  return {
    ...okxOrderJson(o, meta, trades),
    fillPx: trade === undefined ? '' : okxNumber(trade.price),
    tradeId: trade === undefined ? '' : String(trade.id),
    fillSz: trade === undefined ? '0' : okxNumber(trade.qty),
    fillTime: trade === undefined ? '' : String(trade.time),
    fillFee: trade === undefined ? '0' : okxNumber(-trade.commission),
    fillFeeCcy: trade?.commissionAsset ?? '',
    execType: trade === undefined ? '' : trade.maker ? 'M' : 'T',
    amendResult: '',
    reqId: '',
    code: '0',
    msg: '',
  };
}

/** `GET /api/v5/trade/fills-history`: one fill. */
export function okxFillJson(t: SpotTrade, instId: string, clOrdId: string): Record<string, string> {
  return {
    instType: 'SPOT',
    instId,
    tradeId: String(t.id),
    ordId: String(t.orderId),
    clOrdId,
    billId: String(t.id * 7),
    subType: t.side === 'BUY' ? '1' : '2',
    tag: '',
    fillPx: okxNumber(t.price),
    fillSz: okxNumber(t.qty),
    fillIdxPx: '',
    fillPnl: '0',
    side: t.side.toLowerCase(),
    posSide: 'net',
    execType: t.maker ? 'M' : 'T',
    feeCcy: t.commissionAsset,
    fee: okxNumber(-t.commission),
    ts: String(t.time),
    fillTime: String(t.time),
    feeRate: '-0.001',
  };
}

/** An algo order (conditional stop or OCO pair) as OKX keeps and prints it. */
export interface OkxAlgo {
  readonly algoId: string;
  readonly algoClOrdId: string;
  readonly clOrdId: string;
  readonly instId: string;
  readonly side: 'buy' | 'sell';
  readonly ordType: 'conditional' | 'oco';
  readonly sz: bigint;
  /** Trigger and order prices; an order price of null is a market order ('-1'). */
  readonly sl: { readonly trigger: bigint; readonly px: bigint | null } | null;
  readonly tp: { readonly trigger: bigint; readonly px: bigint | null } | null;
  state: 'live' | 'effective' | 'canceled' | 'order_failed';
  actualSide: '' | 'sl' | 'tp';
  actualPx: bigint | null;
  ordIdList: string[];
  failCode: string;
  triggerTime: number | null;
  readonly cTime: number;
  uTime: number;
}

export function okxAlgoJson(a: OkxAlgo): Record<string, unknown> {
  const px = (v: bigint | null | undefined): string =>
    v === undefined ? '' : v === null ? '-1' : okxNumber(v);
  return {
    instType: 'SPOT',
    instId: a.instId,
    ccy: '',
    ordId: a.ordIdList[0] ?? '',
    ordIdList: a.ordIdList,
    algoId: a.algoId,
    clOrdId: a.clOrdId,
    sz: okxNumber(a.sz),
    closeFraction: '',
    ordType: a.ordType,
    side: a.side,
    posSide: 'net',
    tdMode: 'cash',
    tgtCcy: '',
    state: a.state,
    lever: '',
    tpTriggerPx: a.tp === null ? '' : okxNumber(a.tp.trigger),
    tpTriggerPxType: a.tp === null ? '' : 'last',
    tpOrdPx: a.tp === null ? '' : px(a.tp.px),
    slTriggerPx: a.sl === null ? '' : okxNumber(a.sl.trigger),
    slTriggerPxType: a.sl === null ? '' : 'last',
    slOrdPx: a.sl === null ? '' : px(a.sl.px),
    triggerPx: '',
    triggerPxType: '',
    ordPx: '',
    actualSz: a.actualSide === '' ? '' : okxNumber(a.sz),
    actualPx: a.actualPx === null ? '' : px(a.actualPx),
    actualSide: a.actualSide,
    triggerTime: a.triggerTime === null ? '' : String(a.triggerTime),
    pxVar: '',
    pxSpread: '',
    szLimit: '',
    pxLimit: '',
    tag: '',
    timeInterval: '',
    callbackRatio: '',
    callbackSpread: '',
    activePx: '',
    moveTriggerPx: '',
    reduceOnly: 'false',
    quickMgnType: '',
    last: '',
    failCode: a.failCode,
    algoClOrdId: a.algoClOrdId,
    amendPxOnTriggerType: '0',
    cTime: String(a.cTime),
    uTime: String(a.uTime),
  };
}

/** `GET /api/v5/account/balance`: the trading account's currencies. */
export function okxBalanceJson(
  balances: ReadonlyArray<{ asset: string; free: bigint; locked: bigint }>,
  now: number,
): unknown {
  return {
    adjEq: '',
    borrowFroz: '',
    details: balances.map((b) => ({
      ccy: b.asset,
      eq: okxNumber(b.free + b.locked),
      cashBal: okxNumber(b.free + b.locked),
      availBal: okxNumber(b.free),
      frozenBal: okxNumber(b.locked),
      ordFrozen: okxNumber(b.locked),
      uTime: String(now),
    })),
    imr: '',
    isoEq: '0',
    mgnRatio: '',
    mmr: '',
    notionalUsd: '',
    ordFroz: '',
    totalEq: '',
    uTime: String(now),
  };
}
