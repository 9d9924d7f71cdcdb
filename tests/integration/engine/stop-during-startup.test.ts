import { describe, expect, it } from 'vitest';
import { startTestEngine } from '../../support/test-engine';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('stopping an engine right after it started', () => {
  it('cancels the startup reconcile: nothing touches the closed database', async () => {
    const errors: unknown[] = [];
    const engine = startTestEngine(tempDir(), { onError: (e) => errors.push(e) });
    // The startup reconcile is still waiting on the venue when the engine stops.
    engine.stop('test: stop at once');
    // Let every pending continuation of the reconcile run.
    for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
    const messages = errors.map((e) => (e instanceof Error ? e.message : String(e)));
    expect(messages.filter((m) => /database connection is not open/i.test(m))).toEqual([]);
    expect(messages).toEqual([]);
  });
});
