import type { VigilClient } from '../../src-shared/contract/client';
import { riskRejectionToast } from '../view/book-toasts';
import { actorText } from '../../src-shared/domain/actor-words';
import { useBookStore } from './book-store';
import { errorText } from './error-text';
import { useEngineStore } from './engine-store';
import { useKillStore } from './kill-store';
import { useRiskStore } from './risk-store';
import { useToastStore } from './toast-store';

/**
 * Keeps control status, kill progress and risk config current: loads them when the connection
 * opens and follows the engine's events. A mode change is applied from its event at once (the
 * badge, banner and panels read it); the counts are then reloaded. Returns an unsubscribe.
 */
export function followControl(client: VigilClient): () => void {
  const kill = useKillStore.getState();
  const risk = useRiskStore.getState();
  const toast = useToastStore.getState();

  const refresh = (): void => {
    client.call('getControlStatus', {}).then(kill.setControl, (e: unknown) => {
      useEngineStore.getState().setError(`Control status: ${errorText(e)}`);
    });
    client.call('getRiskConfig', {}).then(risk.setConfig, (e: unknown) => {
      risk.setLoadError(errorText(e));
    });
  };

  const offs = [
    client.on('controlModeChanged', (state) => {
      const previous = useEngineStore.getState().status?.controlMode;
      useKillStore.getState().setControlState(state);
      useEngineStore.getState().setControlMode(state.mode);
      if (state.mode === 'HALTED' && previous !== 'HALTED') {
        toast.push('halt', 'HALTED', `${state.reason} — by ${actorText(state.actor)}`);
      }
      // The HALTED toast is about a state that has ended.
      if (state.mode !== 'HALTED') toast.dismissKind('halt');
      // Counts and kill details live in getControlStatus; fetch them again on every change.
      refresh();
    }),
    client.on('killProgress', (progress) => {
      useKillStore.getState().setProgress(progress);
      if (progress.done) refresh();
    }),
    // Each pass's state as the kill runs: the orders it chases, and what became of each.
    client.on('killStateChanged', (state) => useKillStore.getState().setKill(state)),
    client.on('riskConfigChanged', risk.setConfig),
    client.on('killShortcutStatus', (shortcut) => useKillStore.getState().setShortcut(shortcut)),
    client.on('durabilityChanged', (durability) =>
      useKillStore.getState().setDurability(durability),
    ),
    client.on('riskRejected', (r) => {
      const t = riskRejectionToast(r, useBookStore.getState().markets);
      toast.push('rejection', t.title, t.body);
    }),
    useEngineStore.subscribe((state, previous) => {
      if (state.connection === 'open' && previous.connection !== 'open') refresh();
      // The heartbeat carries the mode; when it disagrees with what we hold, reload the detail.
      const held = useKillStore.getState().control?.control.mode;
      if (state.status !== null && held !== undefined && state.status.controlMode !== held)
        refresh();
    }),
  ];
  if (useEngineStore.getState().connection === 'open') refresh();
  return () => offs.forEach((off) => off());
}
