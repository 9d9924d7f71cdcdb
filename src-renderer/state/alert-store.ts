import type { AlertSettings, AlertStatus } from '../../src-shared/contract/alerts';
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

/** The settings the engine answered a change with, shown before its status event arrives. */
export function applyAlertSettings(settings: AlertSettings): void {
  const { status, setStatus } = useAlertStore.getState();
  if (status === null) return;
  setStatus({
    ...status,
    settings,
    channels: status.channels.map((c) => ({ ...c, enabled: settings[c.channel] })),
  });
}
