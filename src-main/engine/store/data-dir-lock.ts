import {
  closeSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataDirLockedError, type LockOwner } from './data-dir-locked-error';

export { DataDirLockedError, type LockOwner } from './data-dir-locked-error';

const LockSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  startedAt: z.number().int(),
});
// The schema is checked against LockOwner (declared zod-free for the CLI's error path).
LockSchema satisfies z.ZodType<LockOwner>;

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
 * Takes the data folder for one engine. The lock is `engine.lock`, a hard link to an empty file
 * named after its owner (`engine.lock.<pid>.<startedAt>.<host>`): link() is atomic and refuses
 * an existing name, so two engines can never both take it, and neither file holds a byte of
 * data, so the lock is taken even on a full disk (the kill latch must survive one, and so must
 * the start that finishes an interrupted kill). A lock whose process is gone is taken over (and
 * reported); a live one refuses, so the Electron app and `vigil serve` can never run two
 * engines on one database.
 */
export function acquireDataDirLock(
  dataDir: string,
  owner: LockOwner,
  isAlive: (pid: number) => boolean = processAlive,
): DataDirLock {
  const path = lockFilePath(dataDir);
  const mine = join(
    dataDir,
    `${LOCK_NAME}.${owner.pid}.${owner.startedAt}.${safeHost(owner.host)}`,
  );
  closeSync(openSync(mine, 'w', 0o600));
  let reclaimed: LockOwner | null = null;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      linkSync(mine, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        rmSync(mine, { force: true });
        throw error;
      }
      const held = readLockOwner(dataDir);
      if (held !== null && isAlive(held.pid)) {
        rmSync(mine, { force: true });
        throw new DataDirLockedError(dataDir, held);
      }
      reclaimed = held ?? { pid: 1, host: 'unreadable lock file', startedAt: 0 };
      removeLock(dataDir);
      continue;
    }
    let released = false;
    return {
      reclaimed,
      release: () => {
        if (released) return;
        released = true;
        // Only our own lock: never remove one another engine took over after us.
        if (sameFile(path, mine)) rmSync(path, { force: true });
        rmSync(mine, { force: true });
      },
    };
  }
  rmSync(mine, { force: true });
  throw new Error(`data folder lock ${path}: another engine took it while we reclaimed it`);
}

/** Who holds the data folder's lock: the owner file it links to, or (older) its JSON text. */
export function readLockOwner(dataDir: string): LockOwner | null {
  const path = lockFilePath(dataDir);
  const linked = ownerFiles(dataDir).find((name) => sameFile(path, join(dataDir, name)));
  if (linked !== undefined) return ownerOfName(linked);
  try {
    const parsed = LockSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const LOCK_NAME = 'engine.lock';
const OWNER_FILE = /^engine\.lock\.(\d+)\.(\d+)\.([a-z0-9-]+)$/;

function safeHost(host: string): string {
  const safe = host.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return safe === '' ? 'engine' : safe;
}

function ownerFiles(dataDir: string): string[] {
  return readdirSync(dataDir).filter((name) => OWNER_FILE.test(name));
}

function ownerOfName(name: string): LockOwner | null {
  const match = OWNER_FILE.exec(name);
  if (match === null) return null;
  const parsed = LockSchema.safeParse({
    pid: Number(match[1]),
    startedAt: Number(match[2]),
    host: match[3],
  });
  return parsed.success ? parsed.data : null;
}

function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

/** A stale lock and the owner file it links to. */
function removeLock(dataDir: string): void {
  const path = lockFilePath(dataDir);
  for (const name of ownerFiles(dataDir)) {
    if (sameFile(path, join(dataDir, name))) rmSync(join(dataDir, name), { force: true });
  }
  rmSync(path, { force: true });
}
