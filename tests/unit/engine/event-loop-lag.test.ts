import { describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../../src-shared/contract/dispatch';
import { Engine } from '../../../src-main/engine/engine';
import type { EventLoopLagMonitor } from '../../../src-main/engine/event-loop-lag';
import { ManualClock } from '../../support/manual-clock';
import { useTempDirs } from '../../support/temp-dir';

describe('main event-loop lag in getStatus', () => {
  const tempDir = useTempDirs();

  it('is exposed through the contract, validated by the status schema', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    let stopped = false;
    // A fixed monitor: the figures are measured for real in production and in the bench.
    const lagMonitor: EventLoopLagMonitor = {
      snapshot: () => ({ p50Ms: 1.5, p99Ms: 12.25, maxMs: 30, samples: 420 }),
      stop: () => {
        stopped = true;
      },
    };
    const engine = Engine.start({
      dataDir: tempDir(),
      version: 't',
      host: 'test',
      clock,
      scheduler: clock,
      lagMonitor,
    });
    const result = await dispatchCommand(engine.handlers, 'getStatus', {}, { origin: 'test' });
    expect(result).toMatchObject({
      ok: true,
      output: { eventLoopLag: { p50Ms: 1.5, p99Ms: 12.25, maxMs: 30, samples: 420 } },
    });
    engine.stop('done');
    expect(stopped).toBe(true);
  });

  it('the real monitor reports ordered percentiles', () => {
    const engine = Engine.start({ dataDir: tempDir(), version: 't', host: 'test' });
    const lag = engine.status().eventLoopLag;
    expect(lag.p99Ms).toBeGreaterThanOrEqual(lag.p50Ms);
    expect(lag.maxMs).toBeGreaterThanOrEqual(lag.p99Ms);
    engine.stop('done');
  });
});
