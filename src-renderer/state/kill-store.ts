import { create } from 'zustand';

export type KillPhase = 'idle' | 'requested' | 'cancelling' | 'flattening' | 'done' | 'failed';

export interface KillProgress {
  readonly ordersLeft: number | null;
  readonly positionsLeft: number | null;
}

interface KillState {
  phase: KillPhase;
  progress: KillProgress;
  /** What the engine said at the end (or why the request failed). */
  outcome: string | null;
  flattenOnKill: boolean;
  setPhase(phase: KillPhase, outcome?: string | null): void;
  setProgress(progress: KillProgress): void;
  setFlattenOnKill(on: boolean): void;
}

export const useKillStore = create<KillState>()((set) => ({
  phase: 'idle',
  progress: { ordersLeft: null, positionsLeft: null },
  outcome: null,
  flattenOnKill: false,
  setPhase: (phase, outcome = null) => set({ phase, outcome }),
  setProgress: (progress) => set({ progress }),
  setFlattenOnKill: (flattenOnKill) => set({ flattenOnKill }),
}));
