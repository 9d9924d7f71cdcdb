import type { PanicAlarm } from './panic-types';

/**
 * Trading blind: a symbol we hold has had no quote for longer than staleQuoteMs. Symbols we do
 * not hold may go quiet without alarm.
 */
export class StaleQuoteDetector {
  private readonly lastQuoteAt = new Map<string, number>();

  quote(symbol: string, at: number): void {
    this.lastQuoteAt.set(symbol, at);
  }

  check(heldSymbols: Iterable<string>, now: number, staleQuoteMs: number): PanicAlarm | null {
    for (const symbol of heldSymbols) {
      const last = this.lastQuoteAt.get(symbol);
      const age = last === undefined ? Number.POSITIVE_INFINITY : now - last;
      if (age > staleQuoteMs) {
        return {
          detector: 'stale-quotes',
          reason:
            last === undefined
              ? `no quote ever received for held ${symbol}`
              : `quotes for held ${symbol} are ${Math.round(age / 1000)} s old (limit ${staleQuoteMs / 1000} s)`,
          numbers: { ageMs: Number.isFinite(age) ? age : -1, limitMs: staleQuoteMs },
        };
      }
    }
    return null;
  }
}
