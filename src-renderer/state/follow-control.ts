import type { VigilClient } from '../../src-shared/contract/client';
import { errorText } from './error-text';
import { useEngineStore } from './engine-store';
import { useKillStore } from './kill-store';
import { useRiskStore } from './risk-store';
import { useToastStore } from './toast-store';

/**
 * Keeps control status, kill progress and risk config current: loads them when the connection
 * opens and follows the engine's events. Returns an unsubscribe.
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

  let usageInFlight = false;
  const refreshUsage = (): void => {
    // One request at a time: the heartbeat must not pile calls up behind a busy engine.
    if (usageInFlight) return;
    usageInFlight = true;
    client
      .call('getRiskUsage', {})
      .then(risk.setUsage, (e: unknown) => risk.setLoadError(`Risk usage: ${errorText(e)}`))
      .finally(() => {
        usageInFlight = false;
      });
  };

  const offs = [
    // The gauges follow the engine's heartbeat (once a second) and every fill.
    client.on('statusChanged', refreshUsage),
    client.on('fillRecorded', refreshUsage),
    client.on('controlModeChanged', (state) => {
      const previous = useKillStore.getState().control;
      if (state.mode === 'HALTED' && previous?.control.mode !== 'HALTED') {
        toast.push('halt', 'HALTED', `${state.reason} (${state.actor})`);
      }
      // Counts and kill details live in getControlStatus; fetch them again on every change.
      refresh();
    }),
    client.on('killProgress', (progress) => {
      useKillStore.getState().setProgress(progress);
      if (progress.done) refresh();
    }),
    client.on('riskConfigChanged', risk.setConfig),
    client.on('killShortcutStatus', (shortcut) => useKillStore.getState().setShortcut(shortcut)),
    client.on('durabilityChanged', (durability) =>
      useKillStore.getState().setDurability(durability),
    ),
    client.on('riskRejected', (r) => {
      const numbers = Object.entries(r.numbers)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      toast.push(
        'rejection',
        `Rejected by ${r.rule}`,
        `${r.side} ${r.qty} ${r.symbol}: ${r.reason}${numbers === '' ? '' : ` (${numbers})`}`,
      );
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
