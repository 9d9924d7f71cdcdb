import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { asStorageError } from '../../../../src-main/engine/store/storage-failure';

/** A file-system error as Node raises it. */
const errno = (code: string, path?: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: failed`), { code, ...(path === undefined ? {} : { path }) });

describe('storage failures, said in the trader’s terms', () => {
  it('names the problem and the file', () => {
    const at = '/home/me/vigil/vigil.db';
    const cases: Array<[unknown, string]> = [
      [
        new BetterSqlite3.SqliteError('database or disk is full', 'SQLITE_FULL'),
        `no space left on the device holding ${at}`,
      ],
      [errno('ENOSPC'), `no space left on the device holding ${at}`],
      [errno('EDQUOT'), `no space left on the device holding ${at}`],
      [errno('EROFS'), `the file system holding ${at} is read-only`],
      [
        new BetterSqlite3.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY'),
        `the file system holding ${at} is read-only`,
      ],
      [
        errno('EACCES', '/home/me/vigil/host.json'),
        'permission denied writing /home/me/vigil/host.json',
      ],
      [errno('EPERM'), `permission denied writing ${at}`],
    ];
    for (const [error, message] of cases) {
      const storage = asStorageError(error, at);
      expect(storage?.code).toBe('STORAGE_FAILED');
      expect(storage?.message).toContain(message);
    }
  });

  it('leaves other errors alone: they are bugs, not the disk', () => {
    expect(asStorageError(new TypeError('x is undefined'), '/x')).toBeNull();
    expect(asStorageError(errno('ENOENT'), '/x')).toBeNull();
  });
});
