import type { Exposure, OrderCandidate, RiskContext } from './risk-types';

/** Signed quantity of an order: buys add, sells subtract. */
export function signedQty(order: OrderCandidate): number {
  return order.side === 'buy' ? order.qty : -order.qty;
}

/** Net position in one symbol (positions only; working orders are not holdings). */
export function positionQty(positions: readonly Exposure[], symbol: string): number {
  let qty = 0;
  for (const p of positions) if (p.symbol === symbol) qty += p.qty;
  return qty;
}

/**
 * An order reduces exposure when it trades against the existing position and does not go past
 * flat. A reduce-only flag on an order that would not reduce is not honoured: the numbers decide.
 */
export function isReducing(order: OrderCandidate, positions: readonly Exposure[]): boolean {
  const held = positionQty(positions, order.symbol);
  if (held === 0) return false;
  const delta = signedQty(order);
  return Math.sign(delta) === -Math.sign(held) && Math.abs(delta) <= Math.abs(held) + 1e-12;
}

/**
 * Money lost if price goes to the stop, valued at mark. A position without a stop risks its
 * whole notional: we never assume a stop that is not there.
 */
export function riskToStop(e: Exposure): number {
  const notional = Math.abs(e.qty) * e.mark;
  if (e.stopPrice === undefined) return notional;
  const perUnit = e.qty > 0 ? e.mark - e.stopPrice : e.stopPrice - e.mark;
  return Math.max(0, perUnit) * Math.abs(e.qty);
}

/** Risk-to-stop of a new order at its price; no stop means the whole notional. */
export function orderRisk(order: OrderCandidate): number {
  if (order.stopPrice === undefined) return order.qty * order.price;
  const perUnit =
    order.side === 'buy' ? order.price - order.stopPrice : order.stopPrice - order.price;
  return Math.max(0, perUnit) * order.qty;
}

/** Sum of risk-to-stop over positions and working entries. */
export function portfolioHeat(ctx: Pick<RiskContext, 'positions' | 'workingEntries'>): number {
  let heat = 0;
  for (const p of ctx.positions) heat += riskToStop(p);
  for (const w of ctx.workingEntries) heat += riskToStop(w);
  return heat;
}

/** Gross notional at mark of everything held or working. */
export function grossNotional(ctx: RiskContext): number {
  let total = 0;
  for (const p of ctx.positions) total += Math.abs(p.qty) * p.mark;
  for (const w of ctx.workingEntries) total += Math.abs(w.qty) * w.mark;
  return total;
}

/** Notional in one symbol, positions and working entries. */
export function symbolNotional(ctx: RiskContext, symbol: string): number {
  let total = 0;
  for (const p of ctx.positions) if (p.symbol === symbol) total += Math.abs(p.qty) * p.mark;
  for (const w of ctx.workingEntries) if (w.symbol === symbol) total += Math.abs(w.qty) * w.mark;
  return total;
}

/** Symbols with a position or a working entry. */
export function openSymbols(ctx: RiskContext): Set<string> {
  const symbols = new Set<string>();
  for (const p of ctx.positions) if (p.qty !== 0) symbols.add(p.symbol);
  for (const w of ctx.workingEntries) symbols.add(w.symbol);
  return symbols;
}
