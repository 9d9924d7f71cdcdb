import { create } from 'zustand';
import type { SignalView } from '../view/signal-view';

interface SignalState {
  /** Latest signal per instrument and timeframe, as the scanner published it. */
  byKey: Readonly<Record<string, SignalView>>;
  upsertMany(signals: readonly SignalView[]): void;
  /** Drops every signal (the engine now plays other prices, or the replay jumped). */
  clear(): void;
}

export const useSignalStore = create<SignalState>()((set) => ({
  byKey: {},
  upsertMany: (signals) =>
    set((s) => {
      const byKey = { ...s.byKey };
      for (const signal of signals) byKey[signal.key] = signal;
      return { byKey };
    }),
  clear: () => set({ byKey: {} }),
}));
