import { describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../../src-shared/contract/dispatch';
import { Engine } from '../../../src-main/engine/engine';
import { LagWindow, type EventLoopLagMonitor } from '../../../src-main/engine/event-loop-lag';
import { ManualClock } from '../../support/manual-clock';
import { useTempDirs } from '../../support/temp-dir';

describe('main event-loop lag in getStatus', () => {
  const tempDir = useTempDirs();

  it('is exposed through the contract, validated by the status schema', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    let stopped = false;
    // A fixed monitor: the figures are measured for real in production and in the bench.
    const lagMonitor: EventLoopLagMonitor = {
      snapshot: () => ({
        p50Ms: 1.5,
        p99Ms: 12.25,
        maxMs: 30,
        samples: 420,
        maxBusyMs: 21,
        windowMs: 60_000,
      }),
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
      output: {
        eventLoopLag: {
          p50Ms: 1.5,
          p99Ms: 12.25,
          maxMs: 30,
          samples: 420,
          maxBusyMs: 21,
          windowMs: 60_000,
        },
      },
    });
    engine.stop('done');
    expect(stopped).toBe(true);
  });

  it('the real monitor reports ordered percentiles over the last minute', () => {
    const engine = Engine.start({ dataDir: tempDir(), version: 't', host: 'test' });
    const lag = engine.status().eventLoopLag;
    expect(lag.p99Ms).toBeGreaterThanOrEqual(lag.p50Ms);
    expect(lag.maxMs).toBeGreaterThanOrEqual(lag.p99Ms);
    expect(lag.windowMs).toBe(60_000);
    engine.stop('done');
  });
});

describe('the lag window', () => {
  it('reports sub-millisecond lag at 1 ms resolution, not the sampling period', () => {
    const window = new LagWindow(60_000, 12);
    // An idle loop: timers 0.05-0.4 ms late (what the 1 ms sampler records when nothing runs).
    for (let i = 0; i < 1000; i += 1) window.record(0.05 + (i % 8) * 0.05, i, 0.01);
    const lag = window.snapshot(1000);
    expect(lag.samples).toBe(1000);
    expect(lag.p50Ms).toBeCloseTo(0.2, 2);
    expect(lag.p99Ms).toBeCloseTo(0.4, 2);
    expect(lag.maxMs).toBeCloseTo(0.4, 2);
    expect(lag.windowMs).toBe(60_000);
  });

  it('tells a loop our code blocked from one that waited for a core', () => {
    const window = new LagWindow(60_000, 12);
    window.record(120, 1_000, 4); // 120 ms late, 4 ms on a CPU: the machine, not us
    window.record(30, 2_000, 45); // 30 ms late after 45 ms of our own work
    window.record(0.2, 3_000, 0.1);
    const lag = window.snapshot(3_000);
    expect(lag.maxMs).toBeCloseTo(120, 0);
    expect(lag.maxBusyMs).toBe(30);
  });

  it('forgets a stall once it is a whole window old', () => {
    const window = new LagWindow(60_000, 12);
    window.record(180, 1_000, 170); // a slow startup, on the CPU
    for (let t = 1_001; t < 65_000; t += 1) window.record(0.1, t, 0.02);
    // 60 s later the stall still counts (its slice, 0-5 s, ends within the window)...
    expect(window.snapshot(64_999).maxMs).toBeCloseTo(180, 0);
    // ...and from 65 s, when that slice ended a full window ago, it no longer does.
    window.record(0.1, 65_000, 0.02);
    const later = window.snapshot(65_000);
    expect(later.maxMs).toBeCloseTo(0.1, 3);
    expect(later.samples).toBe(65_000 - 5_000 + 1);
  });

  it('reads zero samples after a silent window instead of old figures', () => {
    const window = new LagWindow(10_000, 5);
    window.record(25, 0, 3);
    expect(window.snapshot(1).maxMs).toBeCloseTo(25, 1);
    expect(window.snapshot(12_000)).toEqual({
      p50Ms: 0,
      p99Ms: 0,
      maxMs: 0,
      samples: 0,
      maxBusyMs: 0,
      windowMs: 10_000,
    });
  });

  it('counts in bins exact to 1 µs under 0.256 ms and within 0.8% above, the max exact', () => {
    const window = new LagWindow(60_000, 12);
    // Below 256 µs each microsecond is its own bin: the median of 0.137 ms samples is 0.137.
    for (let i = 0; i < 10; i += 1) window.record(0.137, i, 0);
    expect(window.snapshot(10).p50Ms).toBe(0.137);
    const wide = new LagWindow(60_000, 12);
    // 1000 samples from 1 ms to 1000 ms: each percentile is its bin's top, within 0.8% above.
    for (let i = 1; i <= 1000; i += 1) wide.record(i, i, 0);
    const lag = wide.snapshot(1000);
    expect(lag.p50Ms).toBeGreaterThanOrEqual(500);
    expect(lag.p50Ms).toBeLessThan(500 * 1.008);
    expect(lag.p99Ms).toBeGreaterThanOrEqual(990);
    expect(lag.p99Ms).toBeLessThan(990 * 1.008);
    expect(lag.maxMs).toBe(1000);
    // A stall of hours lands in the last bin; the max still says exactly how long it was.
    wide.record(36_000_000, 1000, 0);
    expect(wide.snapshot(1000)).toMatchObject({ maxMs: 36_000_000, p99Ms: lag.p99Ms });
  });

  it('reuses a ring slot a whole ring later: the old slice is gone, not added in', () => {
    const window = new LagWindow(10_000, 5); // 2 s slices, 6 slots
    window.record(50, 0, 0);
    // 12 s later the same slot (index 6 % 6 = 0) takes the new slice and starts over.
    window.record(3, 12_000, 0);
    expect(window.snapshot(12_000)).toMatchObject({ samples: 1, maxMs: 3, p50Ms: 3 });
  });

  it('refuses a lag that is not a finite number >= 0', () => {
    const window = new LagWindow(60_000, 12);
    expect(() => window.record(Number.NaN, 0, 0)).toThrow(/finite number >= 0, got NaN/);
    expect(() => window.record(-1, 0, 0)).toThrow(/got -1/);
    expect(() => window.record(1, 0, Number.NaN)).toThrow(/CPU time must be a finite/);
    expect(() => new LagWindow(60_000, 0)).toThrow(/slice count/);
  });
});
