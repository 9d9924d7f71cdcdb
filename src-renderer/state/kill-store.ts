import { create } from 'zustand';
import type {
  ControlState,
  ControlStatus,
  Durability,
  KillProgress,
  KillState as EngineKillState,
  KillShortcutStatus,
} from '../../src-shared/contract/risk';

/** What the cockpit shows about the kill switch; every value comes from the engine. */
export type KillRequest = 'idle' | 'sending' | 'failed';

interface KillState {
  /** The last getControlStatus answer, kept current by controlModeChanged events. */
  control: ControlStatus | null;
  /** The latest killProgress event of the current (or last) kill. */
  progress: KillProgress | null;
  /**
   * Whether `control.kill` is known to be the current kill's: false from a switch into HALTED
   * (a kill has just started) until the engine's status or a pushed kill state arrives, so the
   * last kill's "done" is never read as this one's.
   */
  killFresh: boolean;
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
  /** A killStateChanged event: the state a kill pass left (what it chases), as it runs. */
  setKill(kill: EngineKillState): void;
  setProgress(progress: KillProgress | null): void;
  setRequest(request: KillRequest, error?: string | null): void;
}

export const useKillStore = create<KillState>()((set) => ({
  control: null,
  progress: null,
  killFresh: false,
  request: 'idle',
  requestError: null,
  shortcut: null,
  durability: null,
  setShortcut: (shortcut) => set({ shortcut }),
  setControl: (control) =>
    set((s) => ({
      control: { ...control, kill: laterKill(s.control?.kill ?? null, control.kill) },
      durability: control.durability,
      killFresh: true,
    })),
  setKill: (kill) =>
    set((s) =>
      s.control === null
        ? {}
        : { control: { ...s.control, kill: laterKill(s.control.kill, kill) }, killFresh: true },
    ),
  setControlState: (state) =>
    set((s) => {
      // Every switch into HALTED starts a kill (trigger, or a restart finishing one).
      const killStarted = state.mode === 'HALTED' && s.control?.control.mode !== 'HALTED';
      return {
        ...(s.control === null ? {} : { control: { ...s.control, control: state } }),
        ...(killStarted ? { killFresh: false } : {}),
      };
    }),
  setDurability: (durability) => set({ durability }),
  setProgress: (progress) => set({ progress }),
  setRequest: (request, requestError = null) => set({ request, requestError }),
}));

/**
 * Of two states of the same kill, the later one: a status answer asked for before a pass ended
 * must not put back what that pass's pushed state replaced. Another kill's state always wins.
 */
function laterKill(
  held: EngineKillState | null,
  incoming: EngineKillState | null,
): EngineKillState | null {
  if (held === null || incoming === null || held.killId !== incoming.killId) return incoming;
  if (held.phase === 'done' && incoming.phase !== 'done') return held;
  return incoming.attempts < held.attempts ? held : incoming;
}
