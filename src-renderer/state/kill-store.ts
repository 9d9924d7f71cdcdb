import { create } from 'zustand';
import type {
  ControlState,
  ControlStatus,
  Durability,
  KillProgress,
  KillShortcutStatus,
} from '../../src-shared/contract/risk';

/** What the cockpit shows about the kill switch; every value comes from the engine. */
export type KillRequest = 'idle' | 'sending' | 'failed';

interface KillState {
  /** The last getControlStatus answer, kept current by controlModeChanged events. */
  control: ControlStatus | null;
  /** The latest killProgress event of the current (or last) kill. */
  progress: KillProgress | null;
  /** Our own request state: the button shows "sending" until the engine replies. */
  request: KillRequest;
  requestError: string | null;
  /** Whether Electron's global kill shortcut is registered (never sent in browser mode). */
  shortcut: KillShortcutStatus | null;
  /** What of the control path is not on disk: from getControlStatus and durabilityChanged. */
  durability: Durability | null;
  setDurability(durability: Durability): void;
  setShortcut(shortcut: KillShortcutStatus): void;
  setControl(control: ControlStatus): void;
  /** A controlModeChanged event: the mode, who and why, before the counts are reloaded. */
  setControlState(state: ControlState): void;
  setProgress(progress: KillProgress | null): void;
  setRequest(request: KillRequest, error?: string | null): void;
}

export const useKillStore = create<KillState>()((set) => ({
  control: null,
  progress: null,
  request: 'idle',
  requestError: null,
  shortcut: null,
  durability: null,
  setShortcut: (shortcut) => set({ shortcut }),
  setControl: (control) => set({ control, durability: control.durability }),
  setControlState: (state) =>
    set((s) => (s.control === null ? {} : { control: { ...s.control, control: state } })),
  setDurability: (durability) => set({ durability }),
  setProgress: (progress) => set({ progress }),
  setRequest: (request, requestError = null) => set({ request, requestError }),
}));
