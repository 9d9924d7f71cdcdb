import type { ReactElement } from 'react';
import { useAlertStore } from '../../state/alert-store';
import { useUiStore } from '../../state/ui-store';

/**
 * The way into the Settings drawer, beside Connections: how alerts stand at a glance — how
 * many channels would reach the trader, or that one is failing.
 */
export function SettingsButton(): ReactElement {
  const setOpen = useUiStore((s) => s.setSettingsOpen);
  const channels = useAlertStore((s) => s.status?.channels);
  const on = (channels ?? []).filter((c) => c.enabled && c.secret.set);
  const failing = on.some((c) => c.failure !== null);
  return (
    <button
      type="button"
      className="settings-button"
      data-testid="open-settings"
      aria-haspopup="dialog"
      title="Alert channels and events, sleep and wake, tray"
      onClick={() => setOpen(true)}
    >
      Settings · alerts{' '}
      <strong
        className={failing ? 'tone-bad' : on.length === 0 ? 'tone-warn' : 'tone-good'}
        data-testid="alerts-summary"
      >
        {failing ? 'FAILING' : on.length === 0 ? 'OFF' : on.map((c) => c.channel).join(' + ')}
      </strong>
    </button>
  );
}
