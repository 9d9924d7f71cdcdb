import { ZERO, type Money } from './money';
import type { ParsedFill } from './parsed-fill';

/**
 * Share of [fromMs, toMs) during which any position was open. Walks every fill in the book's
 * order (including those before the period, which decide what was open at its start) and tracks
 * the net position per symbol. Exposed spans are united: a rewound replay that held positions
 * over the same market hours twice counts those hours once.
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
  const spans: Array<[number, number]> = [];
  const keep = (a: number, b: number): void => {
    const lo = Math.max(a, fromMs);
    const hi = Math.min(b, toMs);
    if (hi > lo) spans.push([lo, hi]);
  };
  for (const fill of fills) {
    const before = net.get(fill.symbol) ?? ZERO;
    const after = fill.side === 'buy' ? before.plus(fill.quantity) : before.minus(fill.quantity);
    net.set(fill.symbol, after);
    if (before.isZero() && !after.isZero()) openCount += 1;
    if (!before.isZero() && after.isZero()) openCount -= 1;
    if (openCount > 0 && exposedSince === null) exposedSince = fill.at;
    if (openCount === 0 && exposedSince !== null) {
      keep(exposedSince, fill.at);
      exposedSince = null;
    }
  }
  if (exposedSince !== null) keep(exposedSince, toMs);
  spans.sort((a, b) => a[0] - b[0]);
  let exposed = 0;
  let reach = -Infinity;
  for (const [lo, hi] of spans) {
    const from = Math.max(lo, reach);
    if (hi > from) exposed += hi - from;
    reach = Math.max(reach, hi);
  }
  return exposed / (toMs - fromMs);
}
