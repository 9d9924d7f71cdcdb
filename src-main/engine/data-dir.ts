import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataFolderError } from './store/store-error';
import { describeStorageProblem, errorCode, storageProblemOf } from './store/storage-failure';

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

/** The kill latch file beside the database (HALTED survives a full disk there). */
export function killLatchPath(dataDir: string): string {
  return join(dataDir, 'kill-latch');
}

/** The database file inside a data folder. */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'vigil.db');
}

/**
 * Makes sure the data folder exists. A new one (and any missing parent) is created 0700: the
 * database holds orders and the ledger, which other local users must not read. A failure says
 * what is wrong with the nearest existing parent (read-only, permission denied, no space)
 * instead of the raw errno of the first missing component.
 */
export function ensureDataDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory())
      throw new DataFolderError(dir, 'it exists and is not a folder');
    return;
  }
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DataFolderError(dir, `cannot create it: ${whyNotCreatable(dir, error)}`);
  }
}

function whyNotCreatable(dir: string, error: unknown): string {
  let parent = dirname(dir);
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  try {
    accessSync(parent, constants.W_OK);
  } catch (access) {
    const problem = storageProblemOf(access);
    if (problem !== null) return describeStorageProblem(problem, parent);
  }
  const problem = storageProblemOf(error);
  if (problem !== null) return describeStorageProblem(problem, dir);
  return `${errorCode(error) ?? 'error'}: ${(error as Error).message}`;
}
