import { create } from 'zustand';
import type { RiskConfig } from '../../src-shared/domain/risk-config';

interface RiskState {
  config: RiskConfig | null;
  loadError: string | null;
  setConfig(config: RiskConfig): void;
  setLoadError(message: string | null): void;
}

/**
 * The engine's current risk configuration. Edits live in the editor until the engine accepts.
 * How much of each limit is used comes with the book's valuation (book-store), at the marks.
 */
export const useRiskStore = create<RiskState>()((set) => ({
  config: null,
  loadError: null,
  setConfig: (config) => set({ config, loadError: null }),
  setLoadError: (loadError) => set({ loadError }),
}));
