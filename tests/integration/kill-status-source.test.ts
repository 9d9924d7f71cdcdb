import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import type { CommandResult } from '../../src-shared/contract/wire';
import type { Engine } from '../../src-main/engine/engine';
import { startTestEngine } from '../support/test-engine';
import { useTempDirs } from '../support/temp-dir';

// The database stops taking writes (SQLite's query_only: the same refusal, above SQLite, as a
// full disk; the real full disk is tests/integration/full-disk.test.ts). The kill must still
// show HALTED in every status, and survive the restart.

const tempDir = useTempDirs();
const engines: Engine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.stop('test end');
});

function start(dataDir: string): Engine {
  const engine = startTestEngine(dataDir);
  engines.push(engine);
  return engine;
}

const call = (engine: Engine, name: string): Promise<CommandResult<unknown>> =>
  dispatchCommand(engine.handlers, name, name === 'kill' ? { reason: 'no writes' } : {}, {
    origin: 'test',
  });

describe('a kill while the database refuses writes', () => {
  it('every status says HALTED, and the restart comes back HALTED with the kill', async () => {
    const dataDir = tempDir();
    const engine = start(dataDir);
    engine.store.db.pragma('query_only = ON');
    expect(await call(engine, 'kill')).toMatchObject({ ok: true });
    expect(await call(engine, 'getStatus')).toMatchObject({ output: { controlMode: 'HALTED' } });
    expect(await call(engine, 'getControlStatus')).toMatchObject({
      output: { control: { mode: 'HALTED' } },
    });
    engines.splice(0);
    try {
      engine.stop('test: restart');
    } catch {
      // (Before the fix the stop itself threw on the refused audit row.)
      engine.store.close();
    }
    const again = start(dataDir);
    expect(await call(again, 'getStatus')).toMatchObject({ output: { controlMode: 'HALTED' } });
    expect(await call(again, 'getControlStatus')).toMatchObject({
      output: { control: { mode: 'HALTED', reason: 'no writes' }, kill: { reason: 'no writes' } },
    });
  });
});
