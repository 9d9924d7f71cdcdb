import { create } from 'zustand';
import type { Candle } from '../../src-shared/domain/candle';

/** A marker on the chart: tier change, entry, exit or stop, at a candle's open time (ms). */
export interface ChartMarker {
  readonly at: number;
  readonly kind: 'tier' | 'entry' | 'exit' | 'stop';
  readonly text: string;
  readonly position: 'above' | 'below';
  readonly colour: string;
}

interface MarketState {
  /** Candle windows by `symbol|timeframe`, newest last, exactly as the engine sent them. */
  candles: Readonly<Record<string, readonly Candle[]>>;
  markers: Readonly<Record<string, readonly ChartMarker[]>>;
  setCandles(key: string, candles: readonly Candle[]): void;
  addMarker(symbol: string, marker: ChartMarker): void;
}

export function seriesKey(symbol: string, timeframe: string): string {
  return `${symbol}|${timeframe}`;
}

export const useMarketStore = create<MarketState>()((set) => ({
  candles: {},
  markers: {},
  setCandles: (key, candles) => set((s) => ({ candles: { ...s.candles, [key]: candles } })),
  addMarker: (symbol, marker) =>
    set((s) => ({ markers: { ...s.markers, [symbol]: [...(s.markers[symbol] ?? []), marker] } })),
}));
