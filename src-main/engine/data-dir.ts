import { join } from 'node:path';

/**
 * Where Vigil keeps its database when no --data-dir is given: the platform's per-user data
 * folder (the same folder Electron reports as userData for an app named Vigil).
 */
export function defaultDataDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Vigil');
    case 'win32': {
      const appData = env['APPDATA'];
      if (!appData) throw new Error('APPDATA is not set; pass --data-dir');
      return join(appData, 'Vigil');
    }
    default: {
      const xdg = env['XDG_DATA_HOME'];
      return xdg ? join(xdg, 'vigil') : join(home, '.local', 'share', 'vigil');
    }
  }
}

/** The database file inside a data folder. */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'vigil.db');
}
