import type { VigilClient } from '../../src-shared/contract/client';
import type { PowerStatus } from '../../src-shared/contract/power';
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
