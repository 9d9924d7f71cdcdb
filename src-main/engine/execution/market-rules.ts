import { decimalPlaces, formatScaled, parseScaled } from '../../../src-shared/domain/decimal';
import type { MarketSpec } from './broker';

/**
 * A venue's refusal: `code` is the exchange's own (Binance shape), or null for a refusal in
 * words: the paper venue's account and order state (paper-refusals.ts), or one of the market's published
 * rules (tick, step, quantity limits, minimum value): Vigil checks those before any venue sees
 * the order, and words them the same on every venue, naming the rule, the value and the limit.
 */
export interface ExchangeReject {
  readonly code: number | null;
  readonly msg: string;
}
/**
 * A market's precision and limits as integers: prices in ticks of 10^-priceScale, quantities
 * in 10^-qtyScale. Validation applies the filters every exchange publishes for a market (a
 * price tick, a quantity step, minimum and maximum quantity, a minimum order value) and says
 * which one an order breaks, with its value and the limit, in words that hold on any venue.
 */
export class MarketRules {
  readonly priceScale: number;
  readonly qtyScale: number;
  readonly tick: bigint;
  readonly step: bigint;
  readonly minQty: bigint;
  readonly maxQty: bigint;
  /** In units of 10^-(priceScale + qtyScale), the scale of price * qty. */
  readonly minNotional: bigint;

  constructor(readonly spec: MarketSpec) {
    const where = `market ${spec.symbol}`;
    this.priceScale = decimalPlaces(spec.tickSize);
    this.qtyScale = decimalPlaces(spec.stepSize);
    this.tick = parseScaled(spec.tickSize, this.priceScale, `${where} tickSize`);
    this.step = parseScaled(spec.stepSize, this.qtyScale, `${where} stepSize`);
    if (this.tick <= 0n || this.step <= 0n)
      throw new Error(`${where}: tick and step must be positive`);
    this.minQty = parseScaled(spec.minQty, this.qtyScale, `${where} minQty`);
    this.maxQty = parseScaled(spec.maxQty, this.qtyScale, `${where} maxQty`);
    this.minNotional = parseScaled(
      spec.minNotional,
      this.priceScale + this.qtyScale,
      `${where} minNotional`,
    );
    for (const [name, v] of [
      ['makerFee', spec.makerFee],
      ['takerFee', spec.takerFee],
    ] as const) {
      const places = decimalPlaces(v);
      if (parseScaled(v, places, `${where} ${name}`) < 0n)
        throw new Error(`${where}: ${name} is negative`);
    }
  }

  /** Parses a price; one that is not a positive multiple of the tick is refused, naming both. */
  price(text: string, what = 'price'): bigint | ExchangeReject {
    const symbol = this.spec.symbol;
    let v: bigint;
    try {
      v = parseScaled(text, this.priceScale, what);
    } catch {
      return breach(
        DECIMAL.test(text)
          ? `${what} ${text} is not a multiple of ${symbol}'s tick size ${this.spec.tickSize}`
          : `${what} '${text}' is not a number`,
      );
    }
    if (v <= 0n) return breach(`${what} ${text} must be above 0`);
    if (v % this.tick !== 0n)
      return breach(
        `${what} ${text} is not a multiple of ${symbol}'s tick size ${this.spec.tickSize}`,
      );
    return v;
  }

  /** Parses a quantity; off the step, under the minimum or over the maximum is refused, naming which. */
  qty(text: string): bigint | ExchangeReject {
    const { symbol, stepSize, minQty, maxQty } = this.spec;
    let v: bigint;
    try {
      v = parseScaled(text, this.qtyScale, 'qty');
    } catch {
      return breach(
        DECIMAL.test(text)
          ? `quantity ${text} is not a multiple of ${symbol}'s step size ${stepSize}`
          : `quantity '${text}' is not a number`,
      );
    }
    if (v <= 0n) return breach(`quantity ${text} must be above 0`);
    if (v % this.step !== 0n)
      return breach(`quantity ${text} is not a multiple of ${symbol}'s step size ${stepSize}`);
    if (v < this.minQty)
      return breach(`quantity ${text} is below ${symbol}'s minimum quantity ${minQty}`);
    if (v > this.maxQty)
      return breach(`quantity ${text} is above ${symbol}'s maximum quantity ${maxQty}`);
    return v;
  }

  /** price * qty below the market's minimum order value is refused, with both values. */
  checkNotional(price: bigint, qty: bigint): ExchangeReject | null {
    if (price * qty >= this.minNotional) return null;
    return breach(
      `order value ${this.notionalText(price * qty)} ${this.spec.quote} is below ${this.spec.symbol}'s minimum order value ${this.spec.minNotional} ${this.spec.quote}`,
    );
  }

  /** price * qty (in units of 10^-(priceScale + qtyScale)) as a quote amount. */
  notionalText(v: bigint): string {
    return formatScaled(v, this.priceScale + this.qtyScale);
  }

  priceText(v: bigint): string {
    return formatScaled(v, this.priceScale);
  }

  qtyText(v: bigint): string {
    return formatScaled(v, this.qtyScale);
  }

  /** Rounds a raw price (in price units) onto the tick grid, up or down. */
  roundToTick(v: bigint, direction: 'up' | 'down'): bigint {
    const r = v % this.tick;
    if (r === 0n) return v;
    return direction === 'down' ? v - r : v - r + this.tick;
  }

  /** Rounds a quantity down onto the step grid. */
  floorToStep(v: bigint): bigint {
    return v - (v % this.step);
  }
}

/** A plain decimal that did not parse has more decimals than the grid: it is off the grid. */
const DECIMAL = /^\d+(\.\d+)?$/;

/** A refusal under one of the market's published rules: no exchange code, the same on every venue. */
function breach(msg: string): ExchangeReject {
  return { code: null, msg };
}

export function isReject(v: unknown): v is ExchangeReject {
  return typeof v === 'object' && v !== null && 'code' in v && 'msg' in v;
}
