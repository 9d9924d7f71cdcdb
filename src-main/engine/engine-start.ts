import { KillLatchFile } from './kill/kill-latch-file';
import { databasePath, killLatchPath } from './data-dir';
import { acquireDataDirLock, type DataDirLock } from './store/data-dir-lock';
import { describeStorageProblem, storageProblemOf } from './store/storage-failure';
import { StoreOpenError } from './store/store-error';

/**
 * The data folder's one-engine lock, taken before the database is opened. A folder the lock
 * cannot be made in is refused like the database would be: read-only, permission denied or
 * no space, said with the database's path.
 */
export function lockDataDir(
  options: { readonly dataDir: string; readonly host: string },
  startedAt: number,
): DataDirLock {
  try {
    return acquireDataDirLock(options.dataDir, { pid: process.pid, host: options.host, startedAt });
  } catch (error) {
    const problem = storageProblemOf(error);
    if (problem === null) throw error;
    const path = databasePath(options.dataDir);
    throw new StoreOpenError(
      path,
      `${describeStorageProblem(problem, path)}; Vigil must be able to write its database there`,
    );
  }
}

export type LatchOpening =
  | { readonly latch: KillLatchFile }
  | { readonly latchUnavailable: { readonly error: unknown; readonly path: string } };

/** The kill latch file; when it cannot be opened (a full disk at first start), why not. */
export function openKillLatch(dataDir: string): LatchOpening {
  const path = killLatchPath(dataDir);
  try {
    return { latch: KillLatchFile.open(path) };
  } catch (error) {
    return { latchUnavailable: { error, path } };
  }
}
