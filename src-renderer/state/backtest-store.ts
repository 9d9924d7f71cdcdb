import { create } from 'zustand';
import type { BacktestProgress } from '../../src-shared/contract/backtest';
import type { CommandOutput } from '../../src-shared/contract/commands';

export type BacktestOutcome = CommandOutput<'runBacktest'>;

interface BacktestState {
  open: boolean;
  /** The run in flight, with its latest progress. */
  runId: string | null;
  progress: BacktestProgress | null;
  result: BacktestOutcome | null;
  /** The last run's failure or cancellation, in the engine's words. */
  message: string | null;
  setOpen(open: boolean): void;
  started(runId: string): void;
  progressed(progress: BacktestProgress): void;
  finished(result: BacktestOutcome): void;
  failed(message: string): void;
}

/** The Backtest drawer and its run: kept while the drawer is closed, so a run keeps going. */
export const useBacktestStore = create<BacktestState>()((set) => ({
  open: false,
  runId: null,
  progress: null,
  result: null,
  message: null,
  setOpen: (open) => set({ open }),
  started: (runId) => set({ runId, progress: null, result: null, message: null }),
  progressed: (progress) => set((s) => (s.runId === progress.runId ? { progress } : {})),
  finished: (result) => set({ runId: null, progress: null, result }),
  failed: (message) => set({ runId: null, progress: null, message }),
}));
