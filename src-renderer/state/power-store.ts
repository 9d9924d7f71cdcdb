import type { VigilClient } from '../../src-shared/contract/client';
import type { PowerSettings, PowerStatus } from '../../src-shared/contract/power';
import { createStatusStore, followStatus } from './follow-status';

/** The engine's sleep/wake status (RESUMING and its checks). */
export const usePowerStore = createStatusStore<PowerStatus>();

export function followPower(client: VigilClient): () => void {
  return followStatus(
    client,
    usePowerStore,
    () => client.call('getPowerStatus', {}),
    'powerStatusChanged',
    'Sleep/wake status',
  );
}

/** The settings the engine answered a change with, shown before its status event arrives. */
export function applyPowerSettings(settings: PowerSettings): void {
  const { status, setStatus } = usePowerStore.getState();
  if (status !== null) setStatus({ ...status, settings });
}
