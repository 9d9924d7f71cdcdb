import type { Timeframe } from '../../src-shared/domain/candle';
import type { MarketSeries } from '../../src-shared/domain/market';

export interface InstrumentView {
  readonly id: string;
  readonly exchange: string;
  readonly symbol: string;
  readonly timeframes: readonly Timeframe[];
}

/** One row per venue+symbol with every timeframe the feed serves for it, sorted by symbol. */
export function instrumentsOf(series: readonly MarketSeries[]): InstrumentView[] {
  const byId = new Map<string, { exchange: string; symbol: string; timeframes: Timeframe[] }>();
  for (const s of series) {
    const id = `${s.exchange}:${s.symbol}`;
    const entry = byId.get(id) ?? { exchange: s.exchange, symbol: s.symbol, timeframes: [] };
    if (!entry.timeframes.includes(s.timeframe)) entry.timeframes.push(s.timeframe);
    byId.set(id, entry);
  }
  return [...byId.entries()]
    .map(([id, v]) => ({ id, ...v }))
    .sort((a, b) => a.symbol.localeCompare(b.symbol) || a.exchange.localeCompare(b.exchange));
}
