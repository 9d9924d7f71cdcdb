import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const LockSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  startedAt: z.number().int(),
});
export type LockOwner = z.infer<typeof LockSchema>;

/** Another engine holds the data folder: two engines on one database must never run. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `another Vigil engine is running on ${dataDir} (pid ${owner.pid}, ${owner.host}, since ${new Date(owner.startedAt).toISOString()}): use that one (\`vigil status\`), or stop it first`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  /** A lock left by an engine that is gone (a crash), taken over; null when there was none. */
  readonly reclaimed: LockOwner | null;
  release(): void;
}

export function lockFilePath(dataDir: string): string {
  return join(dataDir, 'engine.lock');
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder for one engine: an `engine.lock` file created exclusively, naming its
 * owner. A lock whose process is gone is taken over (and reported); a live one refuses, so the
 * Electron app and `vigil serve` can never run two engines on one database.
 */
export function acquireDataDirLock(
  dataDir: string,
  owner: LockOwner,
  isAlive: (pid: number) => boolean = processAlive,
): DataDirLock {
  const path = lockFilePath(dataDir);
  let reclaimed: LockOwner | null = null;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readOwner(path);
      if (held !== null && isAlive(held.pid)) throw new DataDirLockedError(dataDir, held);
      reclaimed = held ?? { pid: 1, host: 'unreadable lock file', startedAt: 0 };
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(owner));
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      reclaimed,
      release: () => {
        if (released) return;
        released = true;
        // Only our own lock: never remove one another engine took over after us.
        if (readOwner(path)?.pid === owner.pid) rmSync(path, { force: true });
      },
    };
  }
  throw new Error(`data folder lock ${path}: another engine took it while we reclaimed it`);
}

function readOwner(path: string): LockOwner | null {
  try {
    const parsed = LockSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
