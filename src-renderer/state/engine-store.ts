import { create } from 'zustand';
import type { VigilClient } from '../../src-shared/contract/client';
import type { EngineStatus } from '../../src-shared/contract/status';
import type { ControlMode } from '../../src-shared/domain/modes';
import type { ConnectionState } from '../transport/ws-transport';

interface EngineState {
  connection: ConnectionState;
  /** True once the engine has answered in this window: a later drop means it stopped. */
  everConnected: boolean;
  status: EngineStatus | null;
  lastError: string | null;
  setConnection(state: ConnectionState): void;
  setStatus(status: EngineStatus): void;
  /**
   * The control mode the moment the engine announces a change (controlModeChanged), ahead of
   * the next heartbeat: HALTED shows on the event, never a second later.
   */
  setControlMode(mode: ControlMode): void;
  setError(message: string | null): void;
}

/** What the engine last told us; every value here arrived through the contract. */
export const useEngineStore = create<EngineState>()((set) => ({
  connection: 'connecting',
  everConnected: false,
  status: null,
  lastError: null,
  setConnection: (connection) =>
    set((s) => ({ connection, everConnected: s.everConnected || connection === 'open' })),
  setStatus: (status) => set({ status, lastError: null }),
  setControlMode: (controlMode) =>
    set((s) => (s.status === null ? {} : { status: { ...s.status, controlMode } })),
  setError: (lastError) => set({ lastError }),
}));

/** Loads the status once and then follows statusChanged events. Returns an unsubscribe. */
export function followEngineStatus(client: VigilClient): () => void {
  const store = useEngineStore.getState();
  const refresh = (): void => {
    client.call('getStatus', {}).then(store.setStatus, (error: unknown) => {
      store.setError(error instanceof Error ? error.message : String(error));
    });
  };
  const unsubscribe = client.on('statusChanged', store.setStatus);
  const unsubscribeConnection = useEngineStore.subscribe((state, previous) => {
    if (state.connection === 'open' && previous.connection !== 'open') refresh();
  });
  if (useEngineStore.getState().connection === 'open') refresh();
  return () => {
    unsubscribe();
    unsubscribeConnection();
  };
}
