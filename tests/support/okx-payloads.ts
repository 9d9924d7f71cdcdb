import type { Candle, Timeframe } from '../../src-shared/domain/candle';
import { decimal, tickText, type LocalMarket } from './local-exchange-server';

// OKX v5 response and push payloads, shaped as OKX sends them, for the local OKX exchange.

/** OKX bar names (the REST `bar` parameter and the `candle<bar>` channels) per timeframe. */
export const OKX_BARS: Readonly<Record<string, Timeframe>> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '1H': '1h',
  '4H': '4h',
  '1D': '1d',
  '1Dutc': '1d',
};

/** Size shown at the best bid and at the best ask, in base units. */
export const OKX_TOP_OF_BOOK_SZ = 2;

export function instId(market: LocalMarket): string {
  return `${market.base}-${market.quote}`;
}

/** Every OKX v5 reply: `code` "0" for success, data always a list. */
export function okxReply(data: unknown[], code = '0', msg = ''): unknown {
  return { code, data, msg };
}

/** `GET /api/v5/public/instruments?instType=SPOT`, one live instrument per market. */
export function spotInstrument(market: LocalMarket): unknown {
  return {
    alias: '',
    auctionEndTime: '',
    baseCcy: market.base,
    category: '1',
    ctMult: '',
    ctType: '',
    ctVal: '',
    ctValCcy: '',
    expTime: '',
    instFamily: '',
    instId: instId(market),
    instType: 'SPOT',
    lever: '10',
    listTime: '1606468572000',
    lotSz: '0.00000001',
    maxIcebergSz: '9999999999.0000000000000000',
    maxLmtAmt: '20000000',
    maxLmtSz: '9999999999',
    maxMktAmt: '1000000',
    maxMktSz: '1000000',
    maxStopSz: '1000000',
    maxTriggerSz: '9999999999.0000000000000000',
    maxTwapSz: '9999999999.0000000000000000',
    minSz: '0.00001',
    optType: '',
    quoteCcy: market.quote,
    ruleType: 'normal',
    settleCcy: '',
    state: 'live',
    stk: '',
    tickSz: tickText(market).replace(/0+$/, ''),
    uly: '',
  };
}

/** One candle row: ts, o, h, l, c, vol (base), volCcy, volCcyQuote, confirm. */
export function candleRow(c: Candle, confirmed: boolean): string[] {
  return [
    String(c.openTime),
    decimal(c.open),
    decimal(c.high),
    decimal(c.low),
    decimal(c.close),
    decimal(c.volume),
    decimal(c.volume * c.close),
    decimal(c.volume * c.close),
    confirmed ? '1' : '0',
  ];
}

/** One ticker (`GET /api/v5/market/ticker` and the `tickers` push channel). */
export function okxTicker(
  market: LocalMarket,
  current: Candle,
  quote: { bid: number; ask: number },
  now: number,
): unknown {
  return {
    instType: 'SPOT',
    instId: instId(market),
    last: decimal(current.close),
    lastSz: '0.001',
    askPx: decimal(quote.ask),
    askSz: decimal(OKX_TOP_OF_BOOK_SZ),
    bidPx: decimal(quote.bid),
    bidSz: decimal(OKX_TOP_OF_BOOK_SZ),
    open24h: decimal(current.open),
    high24h: decimal(current.high),
    low24h: decimal(current.low),
    volCcy24h: decimal(current.volume * current.close),
    vol24h: decimal(current.volume),
    sodUtc0: decimal(current.open),
    sodUtc8: decimal(current.open),
    ts: String(now),
  };
}

/** What an OKX key may do: `perm` as `GET /api/v5/account/config` reports it. */
export interface OkxKeyConfig {
  /** Comma-separated: read_only, trade, withdraw. */
  readonly perm: string;
  /** Comma-separated IP allowlist; '' when the key is not bound to addresses. */
  readonly ip: string;
}

export function accountConfig(config: OkxKeyConfig): unknown {
  return {
    acctLv: '2',
    acctStpMode: 'cancel_maker',
    autoLoan: false,
    ctIsoMode: 'automatic',
    enableSpotBorrow: false,
    greeksType: 'PA',
    ip: config.ip,
    kycLv: '2',
    label: 'vigil',
    level: 'Lv1',
    levelTmp: '',
    liquidationGear: '-1',
    mainUid: '44705892343619584',
    mgnIsoMode: 'automatic',
    opAuth: '0',
    perm: config.perm,
    posMode: 'net_mode',
    roleType: '0',
    spotBorrowAutoRepay: false,
    spotOffsetType: '',
    spotRoleType: '0',
    spotTraderInsts: [],
    traderInsts: [],
    type: '0',
    uid: '44705892343619584',
  };
}

/** `GET /api/v5/asset/currencies`: one chain of a currency. */
export function currencyChain(ccy: string): unknown {
  return {
    canDep: true,
    canInternal: true,
    canWd: true,
    ccy,
    chain: `${ccy}-ERC20`,
    depQuotaFixed: '',
    depQuoteDailyLayer2: '',
    logoLink: '',
    mainNet: true,
    maxFee: '0.001',
    maxFeeForCtAddr: '',
    maxWd: '1000000',
    minDep: '0.00001',
    minDepArrivalConfirm: '3',
    minFee: '0.0001',
    minFeeForCtAddr: '',
    minWd: '0.001',
    minWdUnlockConfirm: '6',
    name: ccy,
    needTag: false,
    usedDepQuotaFixed: '',
    usedWdQuota: '0',
    wdQuota: '10000000',
    wdTickSz: '8',
  };
}
