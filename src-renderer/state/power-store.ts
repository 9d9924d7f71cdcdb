import { create } from 'zustand';
import type { PowerStatus } from '../../src-shared/contract/power';
import type { VigilClient } from '../../src-shared/contract/client';
import { errorText } from './error-text';
import { useEngineStore } from './engine-store';

interface PowerState {
  /** The engine's sleep/wake status; null until the first answer. */
  status: PowerStatus | null;
  loadError: string | null;
  setStatus(status: PowerStatus): void;
  setLoadError(error: string): void;
}

export const usePowerStore = create<PowerState>()((set) => ({
  status: null,
  loadError: null,
  setStatus: (status) => set({ status, loadError: null }),
  setLoadError: (loadError) => set({ loadError }),
}));

/** Loads the sleep/wake status when the connection opens and follows its changes. */
export function followPower(client: VigilClient): () => void {
  const store = usePowerStore.getState();
  const refresh = (): void => {
    client.call('getPowerStatus', {}).then(store.setStatus, (e: unknown) => {
      store.setLoadError(`Sleep/wake status: ${errorText(e)}`);
    });
  };
  const offs = [
    client.on('powerStatusChanged', store.setStatus),
    useEngineStore.subscribe((state, previous) => {
      if (state.connection === 'open' && previous.connection !== 'open') refresh();
    }),
  ];
  if (useEngineStore.getState().connection === 'open') refresh();
  return () => offs.forEach((off) => off());
}
