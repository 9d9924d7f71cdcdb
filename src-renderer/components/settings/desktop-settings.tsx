import type { ReactElement } from 'react';
import { useClient } from '../../state/client-context';
import { useDesktopStore } from '../../state/desktop-store';
import { SettingToggle } from './setting-toggle';

/** The desktop app's close-to-tray choice (kept in the data folder, so either host edits it). */
export function DesktopSettings(): ReactElement {
  const client = useClient();
  const settings = useDesktopStore((s) => s.status);
  const loadError = useDesktopStore((s) => s.loadError);
  if (settings === null) {
    return <p className="empty">{loadError ?? 'Loading desktop settings…'}</p>;
  }
  return (
    <SettingToggle
      label="Closing the window keeps Vigil running in the tray"
      checked={settings.closeToTray}
      change={async (on) =>
        useDesktopStore
          .getState()
          .setStatus(await client.call('setDesktopSettings', { changes: { closeToTray: on } }))
      }
      testId="desktop-closeToTray"
      note="For the desktop app: the engine keeps watching your positions, with KILL in the tray menu. Off: closing the window quits, asking first when orders or positions are open."
    />
  );
}
