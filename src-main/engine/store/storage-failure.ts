import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { CommandRefusal } from '../../../src-shared/contract/command-refusal';

/** Why the data folder could not be written, in the trader's terms. */
export type StorageProblem = 'no-space' | 'read-only' | 'permission-denied' | 'io-error';

const SQLITE_PROBLEMS: ReadonlyArray<readonly [RegExp, StorageProblem]> = [
  [/^SQLITE_FULL$/, 'no-space'],
  [/^SQLITE_READONLY/, 'read-only'],
  [/^SQLITE_PERM$/, 'permission-denied'],
  [/^SQLITE_IOERR/, 'io-error'],
];

const ERRNO_PROBLEMS: Readonly<Record<string, StorageProblem>> = {
  ENOSPC: 'no-space',
  EDQUOT: 'no-space',
  EROFS: 'read-only',
  EACCES: 'permission-denied',
  EPERM: 'permission-denied',
  EIO: 'io-error',
};

/** The error's code (SQLite's "SQLITE_FULL" or Node's "ENOSPC"), if it carries one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Classifies a SQLite or file-system error; null when it is not about the disk. */
export function storageProblemOf(error: unknown): StorageProblem | null {
  const code = errorCode(error);
  if (code === undefined) return null;
  const errno = ERRNO_PROBLEMS[code];
  if (errno !== undefined) return errno;
  return SQLITE_PROBLEMS.find(([pattern]) => pattern.test(code))?.[1] ?? null;
}

/**
 * Classifies an error about `where`, looking at the disk when SQLite's code is vague: an I/O
 * error or a file it cannot open, on a file system with no free block, is a full disk (SQLite
 * says SQLITE_IOERR_SHMSIZE when it cannot grow its -shm file, for one).
 */
export function diagnoseStorageProblem(error: unknown, where: string): StorageProblem | null {
  const problem = storageProblemOf(error);
  const code = errorCode(error);
  if (problem !== 'io-error' && code !== 'SQLITE_CANTOPEN') return problem;
  return diskIsFull(where) ? 'no-space' : problem;
}

function diskIsFull(where: string): boolean {
  let folder = dirname(where);
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  try {
    return statfsSync(folder).bavail === 0;
  } catch {
    return false;
  }
}

/** "no space left on the device holding /home/me/.local/share/vigil/vigil.db" */
export function describeStorageProblem(problem: StorageProblem, where: string): string {
  switch (problem) {
    case 'no-space':
      return `no space left on the device holding ${where}`;
    case 'read-only':
      return `the file system holding ${where} is read-only`;
    case 'permission-denied':
      return `permission denied writing ${where}`;
    case 'io-error':
      return `input/output error on ${where} (the disk may be failing)`;
  }
}

/**
 * The data folder refused a write: no space, read-only, permission denied, or a failing disk.
 * Answered as STORAGE_FAILED with what is wrong and where; nothing was half-written (SQLite
 * rolls the statement back).
 */
export class StorageError extends CommandRefusal {
  constructor(
    readonly problem: StorageProblem,
    readonly where: string,
    readonly detail: string,
  ) {
    super('STORAGE_FAILED', `${describeStorageProblem(problem, where)} (${detail})`);
    this.name = 'StorageError';
  }
}

/**
 * A StorageError for `error` when it is about the disk, else null. `where` is the file a
 * SQLite error is about; a file-system error names its own path.
 */
export function asStorageError(error: unknown, where: string): StorageError | null {
  if (error instanceof StorageError) return error;
  const path = (error as { path?: unknown }).path;
  if (typeof path === 'string') where = path;
  const problem = diagnoseStorageProblem(error, where);
  if (problem === null) return null;
  const code = errorCode(error) ?? 'error';
  const message = error instanceof Error ? error.message : String(error);
  return new StorageError(problem, where, message.includes(code) ? message : `${code}: ${message}`);
}
