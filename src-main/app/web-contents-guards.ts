import type { Session, WebContents } from 'electron';
import { decideExternalLink } from './external-links';

/** What the guards need of a window's contents (narrow, so the app-layer test can drive it). */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export interface LinkActions {
  /** Asks the trader; resolves true to open. */
  confirm(url: string, host: string): Promise<boolean>;
  open(url: string): Promise<void>;
  refused(url: string, reason: string): void;
}

/**
 * No navigation away from our bundle, no webviews, and no new windows: a link out is
 * offered to the system browser only for an allowed site, after the trader confirms.
 */
export function guardWebContents(contents: GuardedContents, links: LinkActions): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideExternalLink(url);
    if (decision.kind === 'refuse') links.refused(url, decision.reason);
    else
      void links.confirm(decision.url, decision.host).then(
        (yes) => (yes ? links.open(decision.url) : undefined),
        (error: unknown) => links.refused(url, String(error)),
      );
    return { action: 'deny' };
  });
}

/** The session parts the permission policy sets. */
export type GuardedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

/**
 * The page is never granted a permission (camera, microphone, geolocation, notifications,
 * clipboard, USB/HID/serial devices...): requests are denied and checks answer no. Vigil's
 * own notifications come from the main process, not the web API.
 */
export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
