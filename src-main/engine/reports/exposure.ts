import { ZERO, type Money } from './money';
import type { ParsedFill } from './parsed-fill';

/**
 * Share of [fromMs, toMs) during which any position was open. Walks every fill (including
 * those before the period, which decide what was open at its start) and tracks the net
 * position per symbol.
 */
export function exposureFraction(
  fills: readonly ParsedFill[],
  fromMs: number,
  toMs: number,
): number {
  if (toMs <= fromMs) return 0;
  const net = new Map<string, Money>();
  let openCount = 0;
  let exposedSince: number | null = null;
  let exposed = 0;
  const clip = (a: number, b: number): number =>
    Math.max(0, Math.min(b, toMs) - Math.max(a, fromMs));
  for (const fill of fills) {
    if (fill.at >= toMs) break;
    const before = net.get(fill.symbol) ?? ZERO;
    const after = fill.side === 'buy' ? before.plus(fill.quantity) : before.minus(fill.quantity);
    net.set(fill.symbol, after);
    if (before.isZero() && !after.isZero()) openCount += 1;
    if (!before.isZero() && after.isZero()) openCount -= 1;
    if (openCount > 0 && exposedSince === null) exposedSince = fill.at;
    if (openCount === 0 && exposedSince !== null) {
      exposed += clip(exposedSince, fill.at);
      exposedSince = null;
    }
  }
  if (exposedSince !== null) exposed += clip(exposedSince, toMs);
  return exposed / (toMs - fromMs);
}
