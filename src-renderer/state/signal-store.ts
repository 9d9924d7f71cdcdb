import { create } from 'zustand';
import type { SignalView } from '../view/signal-view';

interface SignalState {
  /** Latest signal per symbol, as the scanner published it. */
  bySymbol: Readonly<Record<string, SignalView>>;
  upsert(signal: SignalView): void;
  replaceAll(signals: readonly SignalView[]): void;
}

export const useSignalStore = create<SignalState>()((set) => ({
  bySymbol: {},
  upsert: (signal) => set((s) => ({ bySymbol: { ...s.bySymbol, [signal.symbol]: signal } })),
  replaceAll: (signals) =>
    set({ bySymbol: Object.fromEntries(signals.map((signal) => [signal.symbol, signal])) }),
}));
