import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../../src-shared/contract/command-refusal';
import { dispatchCommand } from '../../../src-shared/contract/dispatch';
import type { CommandHandlers } from '../../../src-shared/contract/handlers';
import { guardHandlers } from '../../../src-main/engine/guard-handlers';

const caller = { origin: 'test' } as const;

function guarded(ping: () => never): { handlers: CommandHandlers; bugs: unknown[] } {
  const bugs: unknown[] = [];
  const handlers = guardHandlers(
    { ping, getStatus: ping } as unknown as CommandHandlers,
    '/data/vigil.db',
    (command, error) => bugs.push({ command, error }),
  );
  return { handlers, bugs };
}

describe('guardHandlers', () => {
  it('reports a bug with its stack and answers HANDLER_FAILED', async () => {
    const { handlers, bugs } = guarded(() => {
      throw new TypeError('x.y is not a function');
    });
    const result = await dispatchCommand(handlers, 'ping', {}, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'HANDLER_FAILED' } });
    expect(bugs).toHaveLength(1);
    const bug = bugs[0] as { command: string; error: Error };
    expect(bug.command).toBe('ping');
    expect(bug.error.stack).toContain('x.y is not a function');
    expect(bug.error.stack).toContain('guard-handlers.test.ts');
  });

  it('answers a full disk as STORAGE_FAILED naming the file, not as a bug', async () => {
    // SQLite's own error object, as better-sqlite3 throws it on a full disk.
    const full = new BetterSqlite3.SqliteError('database or disk is full', 'SQLITE_FULL');
    const { handlers, bugs } = guarded(() => {
      throw full;
    });
    const result = await dispatchCommand(handlers, 'ping', {}, caller);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'STORAGE_FAILED',
        message:
          'no space left on the device holding /data/vigil.db (SQLITE_FULL: database or disk is full)',
      },
    });
    expect(bugs).toEqual([]);
  });

  it('keeps a refusal as it is', async () => {
    const { handlers, bugs } = guarded(() => {
      throw new RefusedError('not now');
    });
    expect(await dispatchCommand(handlers, 'ping', {}, caller)).toEqual({
      ok: false,
      error: { code: 'REFUSED', message: 'not now' },
    });
    expect(bugs).toEqual([]);
  });
});
