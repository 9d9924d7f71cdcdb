import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { VigilClient } from '../../src-shared/contract/client';
import type { EventName, EventPayload } from '../../src-shared/contract/events';
import { errorText } from './error-text';
import { useEngineStore } from './engine-store';

/** One engine status the cockpit mirrors (sleep/wake, alert channels). */
export interface StatusState<T> {
  /** The engine's answer; null until the first one. */
  status: T | null;
  loadError: string | null;
  setStatus(status: T): void;
  setLoadError(error: string): void;
}

export function createStatusStore<T>(): UseBoundStore<StoreApi<StatusState<T>>> {
  return create<StatusState<T>>()((set) => ({
    status: null,
    loadError: null,
    setStatus: (status) => set({ status, loadError: null }),
    setLoadError: (loadError) => set({ loadError }),
  }));
}

/**
 * Keeps a status store current: loads it with `load` when the connection opens and follows
 * the engine's `event`. Returns an unsubscribe.
 */
export function followStatus<E extends EventName>(
  client: VigilClient,
  store: UseBoundStore<StoreApi<StatusState<EventPayload<E>>>>,
  load: () => Promise<EventPayload<E>>,
  event: E,
  what: string,
): () => void {
  const { setStatus, setLoadError } = store.getState();
  const refresh = (): void => {
    load().then(setStatus, (e: unknown) => setLoadError(`${what}: ${errorText(e)}`));
  };
  const offs = [
    client.on(event, setStatus),
    useEngineStore.subscribe((state, previous) => {
      if (state.connection === 'open' && previous.connection !== 'open') refresh();
    }),
  ];
  if (useEngineStore.getState().connection === 'open') refresh();
  return () => offs.forEach((off) => off());
}
