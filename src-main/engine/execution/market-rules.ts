import { decimalPlaces, formatScaled, parseScaled } from '../../../src-shared/domain/decimal';
import type { MarketSpec } from './broker';

export interface ExchangeReject {
  readonly code: number;
  readonly msg: string;
}

/**
 * A market's precision and limits as integers: prices in ticks of 10^-priceScale, quantities
 * in 10^-qtyScale. Validation mirrors a live exchange's filters (Binance: PRICE_FILTER,
 * LOT_SIZE, NOTIONAL) and answers with the exchange's own code and message.
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

  /** Parses a price; a value off the tick grid is the exchange's PRICE_FILTER reject. */
  price(text: string): bigint | ExchangeReject {
    let v: bigint;
    try {
      v = parseScaled(text, this.priceScale, 'price');
    } catch {
      return { code: -1013, msg: 'Filter failure: PRICE_FILTER' };
    }
    if (v <= 0n || v % this.tick !== 0n)
      return { code: -1013, msg: 'Filter failure: PRICE_FILTER' };
    return v;
  }

  /** Parses a quantity; off the step grid or outside min/max is LOT_SIZE. */
  qty(text: string): bigint | ExchangeReject {
    let v: bigint;
    try {
      v = parseScaled(text, this.qtyScale, 'qty');
    } catch {
      return { code: -1013, msg: 'Filter failure: LOT_SIZE' };
    }
    if (v <= 0n || v % this.step !== 0n || v < this.minQty || v > this.maxQty) {
      return { code: -1013, msg: 'Filter failure: LOT_SIZE' };
    }
    return v;
  }

  /** price * qty below the minimum is NOTIONAL. */
  checkNotional(price: bigint, qty: bigint): ExchangeReject | null {
    return price * qty < this.minNotional ? { code: -1013, msg: 'Filter failure: NOTIONAL' } : null;
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

export function isReject(v: unknown): v is ExchangeReject {
  return typeof v === 'object' && v !== null && 'code' in v && 'msg' in v;
}
