import { create } from 'zustand';
import type { CalibrationProgress, CalibrationRun } from '../../src-shared/contract/calibration';

interface CalibrationRunState {
  /** A run this cockpit started is in flight. */
  running: boolean;
  /** The engine's latest progress of the running calibration (one at a time per engine). */
  progress: CalibrationProgress | null;
  /** The last run's answer from this cockpit: its folder and the files it skipped. */
  result: CalibrationRun | null;
  /** The last run's failure or cancellation, in the engine's words. */
  message: string | null;
  started(): void;
  progressed(progress: CalibrationProgress): void;
  finished(result: CalibrationRun): void;
  failed(message: string): void;
}

/** The Calibrate action of the Backtest drawer: kept while the drawer is closed. */
export const useCalibrationRunStore = create<CalibrationRunState>()((set) => ({
  running: false,
  progress: null,
  result: null,
  message: null,
  started: () => set({ running: true, progress: null, result: null, message: null }),
  progressed: (progress) => set({ progress }),
  finished: (result) => set({ running: false, progress: null, result }),
  failed: (message) => set({ running: false, progress: null, message }),
}));
