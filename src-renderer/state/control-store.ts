import { create } from 'zustand';
import type { VigilClient } from '../../src-shared/contract/client';
import type {
  ControlStatus,
  KillProgress,
  KillShortcutStatus,
  RiskRejected,
} from '../../src-shared/contract/risk';

interface ControlState {
  status: ControlStatus | null;
  progress: KillProgress | null;
  shortcut: KillShortcutStatus | null;
  lastRejection: RiskRejected | null;
  error: string | null;
  /** Bound to the client once followControl runs; until then the buttons are disabled. */
  actions: ControlActions | null;
}

export interface ControlActions {
  kill(flatten: boolean): Promise<void>;
  rearm(confirm: string): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  reduce(): Promise<void>;
}

/** Control mode, kill progress and risk rejections, as the engine reports them. */
export const useControlStore = create<ControlState>()(() => ({
  status: null,
  progress: null,
  shortcut: null,
  lastRejection: null,
  error: null,
  actions: null,
}));

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Follows the control events and binds the panel's actions to the client. Returns an unsubscribe. */
export function followControl(client: VigilClient): () => void {
  const set = useControlStore.setState;
  const refresh = (): void => {
    client.call('getControlStatus', {}).then(
      (status) => set({ status }),
      (error: unknown) => set({ error: message(error) }),
    );
  };
  const run = async (action: () => Promise<unknown>): Promise<void> => {
    try {
      await action();
      set({ error: null });
    } catch (error) {
      set({ error: message(error) });
    }
    refresh();
  };
  set({
    actions: {
      // The engine latches HALTED before it answers; the reply only confirms.
      kill: (flatten) =>
        run(() => client.call('kill', { flatten, via: 'ui', reason: 'KILL button' })),
      rearm: (confirm) =>
        confirm === 'REARM'
          ? run(() => client.call('rearm', { confirm: 'REARM', via: 'ui' }))
          : Promise.resolve(set({ error: 'Type REARM exactly to re-arm.' })),
      pause: () => run(() => client.call('pause', { via: 'ui' })),
      resume: () => run(() => client.call('resume', { via: 'ui' })),
      reduce: () => run(() => client.call('reduce', { via: 'ui' })),
    },
  });
  const offs = [
    client.on('controlModeChanged', refresh),
    client.on('killProgress', (progress) => {
      set({ progress });
      if (progress.done) refresh();
    }),
    client.on('killShortcutStatus', (shortcut) => set({ shortcut })),
    client.on('riskRejected', (lastRejection) => set({ lastRejection })),
  ];
  refresh();
  return () => {
    for (const off of offs) off();
  };
}
