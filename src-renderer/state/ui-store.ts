import { create } from 'zustand';
import { TimeframeSchema, type Timeframe } from '../../src-shared/domain/candle';

export type Oscillator = 'RSI' | 'MACD';

interface UiState {
  /** The selected instrument id ("binance:BTC/USDT"). */
  selectedSymbol: string | null;
  timeframe: Timeframe;
  oscillator: Oscillator;
  signalFilter: string;
  helpOpen: boolean;
  searchOpen: boolean;
  /** The Settings drawer (alerts, sleep and wake, desktop). */
  settingsOpen: boolean;
  selectSymbol(symbol: string | null): void;
  /** Charts a board row: its instrument at its timeframe. */
  selectSignal(signal: { instrument: string; timeframe: string }): void;
  setTimeframe(timeframe: Timeframe): void;
  setOscillator(oscillator: Oscillator): void;
  setSignalFilter(text: string): void;
  setHelpOpen(open: boolean): void;
  setSearchOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
}

/** View choices only; nothing here is engine data. */
export const useUiStore = create<UiState>()((set) => ({
  selectedSymbol: null,
  timeframe: '1h',
  oscillator: 'RSI',
  signalFilter: '',
  helpOpen: false,
  searchOpen: false,
  settingsOpen: false,
  selectSymbol: (selectedSymbol) => set({ selectedSymbol }),
  selectSignal: ({ instrument, timeframe }) => {
    const parsed = TimeframeSchema.safeParse(timeframe);
    set(
      parsed.success
        ? { selectedSymbol: instrument, timeframe: parsed.data }
        : { selectedSymbol: instrument },
    );
  },
  setTimeframe: (timeframe) => set({ timeframe }),
  setOscillator: (oscillator) => set({ oscillator }),
  setSignalFilter: (signalFilter) => set({ signalFilter }),
  setHelpOpen: (helpOpen) => set({ helpOpen, searchOpen: false }),
  setSearchOpen: (searchOpen) => set({ searchOpen, helpOpen: false }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
}));
