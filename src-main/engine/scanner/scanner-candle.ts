import type { Candle, Timeframe } from '../../../src-shared/domain/candle';
import type { ScannerCandle } from './scanner-core';

/** The quote currency of a `BASE/QUOTE` symbol; anything else is refused, naming it. */
export function quoteOf(symbol: string): string {
  const slash = symbol.indexOf('/');
  if (slash < 0) throw new Error(`symbol '${symbol}' is not in BASE/QUOTE form`);
  return symbol.slice(slash + 1);
}

/** A closed candle as the scanner receives it. */
export function scannerCandle(
  exchange: string,
  symbol: string,
  timeframe: Timeframe,
  candle: Candle,
): ScannerCandle {
  return { exchange, symbol, quote: quoteOf(symbol), timeframe, candle };
}
