import type { AlertStatus } from '../../src-shared/contract/alerts';
import type { VigilClient } from '../../src-shared/contract/client';
import { createStatusStore, followStatus } from './follow-status';

/** The alert channels' status (deliveries and failures). */
export const useAlertStore = createStatusStore<AlertStatus>();

export function followAlerts(client: VigilClient): () => void {
  return followStatus(
    client,
    useAlertStore,
    () => client.call('getAlertStatus', {}),
    'alertStatusChanged',
    'Alert status',
  );
}
