import type { VigilClient } from '../../src-shared/contract/client';
import type { DesktopSettings } from '../../src-shared/contract/desktop';
import { createStatusStore, followStatus } from './follow-status';

/** The desktop app's settings (close to tray), kept by the engine. */
export const useDesktopStore = createStatusStore<DesktopSettings>();

export function followDesktop(client: VigilClient): () => void {
  return followStatus(
    client,
    useDesktopStore,
    () => client.call('getDesktopSettings', {}),
    'desktopSettingsChanged',
    'Desktop settings',
  );
}
