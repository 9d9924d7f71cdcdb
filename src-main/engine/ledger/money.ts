import { divRound, formatScaled, parseScaled, rescale } from '../../../src-shared/domain/decimal';

/**
 * Fixed scales of the ledger. Quantities and prices are held to 12 decimal places (more than
 * any venue's step or tick), so a notional qty * price is exact at 24 places: every money
 * value in the ledger is an integer count of 1e-24 quote units and sums never round.
 */
export const QTY_SCALE = 12;
export const PRICE_SCALE = 12;
export const MONEY_SCALE = QTY_SCALE + PRICE_SCALE;

export const qtyOf = (text: string, where: string): bigint => parseScaled(text, QTY_SCALE, where);
export const priceOf = (text: string, where: string): bigint =>
  parseScaled(text, PRICE_SCALE, where);
export const moneyOf = (text: string, where: string): bigint =>
  parseScaled(text, MONEY_SCALE, where);

export const qtyText = (v: bigint): string => formatScaled(v, QTY_SCALE);
export const priceText = (v: bigint): string => formatScaled(v, PRICE_SCALE);
export const moneyText = (v: bigint): string => formatScaled(v, MONEY_SCALE);

/** qty * price, exact, in money units. */
export function notionalOf(qty: bigint, price: bigint): bigint {
  return qty * price;
}

/** Money value of a fee given at some other decimal scale (exact or it throws). */
export function moneyFromScaled(value: bigint, scale: number): bigint {
  return rescale(value, scale, MONEY_SCALE, 'exact');
}

/** cost / qty as a price, rounded toward zero for display only (never used in sums). */
export function averagePrice(cost: bigint, qty: bigint): bigint | null {
  if (qty === 0n) return null;
  const abs = (v: bigint): bigint => (v < 0n ? -v : v);
  // money (1e-24) / qty (1e-12) = price in 1e-12 units: the integer quotient is the price.
  return divRound(abs(cost), abs(qty), 'floor', 'averagePrice');
}
