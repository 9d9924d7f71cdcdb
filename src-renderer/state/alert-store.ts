import { create } from 'zustand';
import type { AlertStatus } from '../../src-shared/contract/alerts';
import type { VigilClient } from '../../src-shared/contract/client';
import { errorText } from './error-text';
import { useEngineStore } from './engine-store';

interface AlertState {
  status: AlertStatus | null;
  loadError: string | null;
  setStatus(status: AlertStatus): void;
  setLoadError(error: string): void;
}

export const useAlertStore = create<AlertState>()((set) => ({
  status: null,
  loadError: null,
  setStatus: (status) => set({ status, loadError: null }),
  setLoadError: (loadError) => set({ loadError }),
}));

/** Loads the alert channels' status when the connection opens and follows its changes. */
export function followAlerts(client: VigilClient): () => void {
  const store = useAlertStore.getState();
  const refresh = (): void => {
    client.call('getAlertStatus', {}).then(store.setStatus, (e: unknown) => {
      store.setLoadError(`Alert status: ${errorText(e)}`);
    });
  };
  const offs = [
    client.on('alertStatusChanged', store.setStatus),
    useEngineStore.subscribe((state, previous) => {
      if (state.connection === 'open' && previous.connection !== 'open') refresh();
    }),
  ];
  if (useEngineStore.getState().connection === 'open') refresh();
  return () => offs.forEach((off) => off());
}
