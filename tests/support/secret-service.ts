import { spawnSync } from 'node:child_process';

/**
 * The keychain tests need a real Secret Service: `npm test` runs vitest inside
 * dbus-run-session with an unlocked gnome-keyring (scripts/test.sh). Fails loudly, never
 * skips, when there is none.
 */
export function requireSecretService(): void {
  if (process.env['DBUS_SESSION_BUS_ADDRESS'] === undefined) {
    throw new Error(
      'no D-Bus session: run the keychain tests under `npm test` (dbus-run-session + gnome-keyring)',
    );
  }
}

/** Whether `dbus-run-session` and `gnome-keyring-daemon` are installed (CI and dev machines). */
export function hasKeyringTools(): boolean {
  return ['dbus-run-session', 'gnome-keyring-daemon'].every(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0,
  );
}
