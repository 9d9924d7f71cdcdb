import { create } from 'zustand';
import type { RiskUsage } from '../../src-shared/contract/risk';
import type { RiskConfig } from '../../src-shared/domain/risk-config';

interface RiskState {
  config: RiskConfig | null;
  /** How much of each limit the book uses, as the engine last reported it. */
  usage: RiskUsage | null;
  loadError: string | null;
  setConfig(config: RiskConfig): void;
  setUsage(usage: RiskUsage): void;
  setLoadError(message: string | null): void;
}

/** The engine's current risk configuration. Edits live in the editor until the engine accepts. */
export const useRiskStore = create<RiskState>()((set) => ({
  config: null,
  usage: null,
  loadError: null,
  setConfig: (config) => set({ config, loadError: null }),
  setUsage: (usage) => set({ usage }),
  setLoadError: (loadError) => set({ loadError }),
}));
