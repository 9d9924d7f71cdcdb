import type { ReactElement } from 'react';
import { useAlertStore } from '../../state/alert-store';
import { useClient } from '../../state/client-context';
import { useCommandRun } from '../../state/use-command-run';
import { useUiStore } from '../../state/ui-store';
import { FormError } from '../forms/secret-field';
import { Drawer } from '../layout/drawer';
import { AlertChannelCard } from './alert-channel-card';
import { AlertEvents } from './alert-events';
import { DesktopSettings } from './desktop-settings';
import { PaperReset } from './paper-reset';
import { PowerSettings } from './power-settings';
import './settings.css';

/**
 * The Settings drawer, beside Connections in the status line: alert channels and their
 * secrets, which events alert, sleep and wake, the desktop app's tray life, and the paper
 * account's reset.
 */
export function SettingsDrawer(): ReactElement | null {
  const open = useUiStore((s) => s.settingsOpen);
  const setOpen = useUiStore((s) => s.setSettingsOpen);
  const channels = useAlertStore((s) => s.status?.channels);
  const loadError = useAlertStore((s) => s.loadError);
  const client = useClient();
  const test = useCommandRun();
  return (
    <Drawer open={open} onClose={() => setOpen(false)} title="Settings" testId="settings-drawer">
      <h3 className="sub-title">Alerts away from the screen</h3>
      {channels === undefined && <p className="empty">{loadError ?? 'Loading alerts…'}</p>}
      {channels?.map((c) => (
        <AlertChannelCard key={c.channel} c={c} />
      ))}
      <div className="form-actions">
        <button
          type="button"
          disabled={test.busy || !(channels ?? []).some((c) => c.enabled)}
          onClick={() => test.run(client.call('sendTestAlert', {}))}
          data-testid="alert-send-test"
        >
          Send a test alert
        </button>
        <span className="muted small">on every channel that is on; the result shows above</span>
      </div>
      <FormError error={test.error} testId="alert-send-test-error" />
      <h3 className="sub-title">What alerts you</h3>
      <AlertEvents />
      <h3 className="sub-title">Sleep and wake</h3>
      <PowerSettings />
      <h3 className="sub-title">Desktop app</h3>
      <DesktopSettings />
      <h3 className="sub-title">Reset paper account</h3>
      <PaperReset />
    </Drawer>
  );
}
