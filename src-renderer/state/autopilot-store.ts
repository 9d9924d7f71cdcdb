import { create } from 'zustand';
import type { AutopilotStatus } from '../../src-shared/contract/plans';

interface AutopilotState {
  /** The paper book's autopilot as the engine last announced it; null before the first load. */
  status: AutopilotStatus | null;
  setStatus(status: AutopilotStatus): void;
}

export const useAutopilotStore = create<AutopilotState>()((set) => ({
  status: null,
  setStatus: (status) => set({ status }),
}));
