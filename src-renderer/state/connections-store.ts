import { create } from 'zustand';
import type { ConnectionList } from '../../src-shared/domain/connection';

interface ConnectionsState {
  /** The engine's connections, their health and key status; null before the first answer. */
  list: ConnectionList | null;
  /** Whether the Connections drawer is open. */
  open: boolean;
  setList(list: ConnectionList): void;
  setOpen(open: boolean): void;
}

/** Exchange connections as the engine reports them. Never holds key material. */
export const useConnectionsStore = create<ConnectionsState>()((set) => ({
  list: null,
  open: false,
  setList: (list) => set({ list }),
  setOpen: (open) => set({ open }),
}));
