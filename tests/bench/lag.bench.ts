import { createHistogram, performance } from 'node:perf_hooks';
import { LagWindow, startEventLoopLagMonitor } from '../../src-main/engine/event-loop-lag';
import { against } from './measure';

const SPAN_MS = 1_000;
const ROUNDS = 4;

/** This thread's CPU time (ms) while the loop idles for `SPAN_MS` with `arm` running on it. */
async function threadCpuWhileIdle(arm: () => () => void): Promise<number> {
  const disarm = arm();
  const before = process.threadCpuUsage();
  await new Promise((resolve) => setTimeout(resolve, SPAN_MS));
  const used = process.threadCpuUsage(before);
  disarm();
  return (used.user + used.system) / 1000;
}

/** A bare 1 ms timer re-armed on each tick: what any 1 ms sampler costs before it records. */
function bareTimer(): () => void {
  const timer = setTimeout(function tick(): void {
    timer.refresh();
  }, 1);
  return () => clearTimeout(timer);
}

/**
 * The engine's event-loop lag monitor as the engine runs it (its 1 ms sampler and 60 s window
 * on this thread), as a share of one core next to a bare 1 ms timer measured in the same run;
 * and one sample's recording cost against the HDR histogram the window used before.
 */
export async function runLagBench(): Promise<void> {
  // Interleaved rounds, the least of each: a busy moment on a shared machine lands on one round.
  let bare = Number.POSITIVE_INFINITY;
  let monitor = Number.POSITIVE_INFINITY;
  for (let r = 0; r < ROUNDS; r += 1) {
    bare = Math.min(bare, await threadCpuWhileIdle(bareTimer));
    monitor = Math.min(
      monitor,
      await threadCpuWhileIdle(() => {
        const m = startEventLoopLagMonitor();
        return () => m.stop();
      }),
    );
  }
  const share = (ms: number): number => (ms / SPAN_MS) * 100;
  console.log(
    `lag monitor on an idle loop: ${share(monitor).toFixed(2)}% of one core (a bare 1 ms timer: ${share(bare).toFixed(2)}%; the monitor's own part ${share(monitor - bare).toFixed(2)}%) ${against(share(monitor - bare), '<', 1, '%')}`,
  );

  const n = 1_000_000;
  const lags = Array.from({ length: 1024 }, (_, i) => 0.02 + (i % 97) * 0.013);
  const window = new LagWindow(60_000, 12);
  let t = performance.now();
  const start = t;
  for (let i = 0; i < n; i += 1) window.record(lags[i & 1023] as number, start + i / 1000, 0.01);
  const ringNs = ((performance.now() - t) * 1e6) / n;
  const histogram = createHistogram();
  t = performance.now();
  for (let i = 0; i < n; i += 1)
    histogram.record(Math.max(1, Math.round((lags[i & 1023] as number) * 1e6)));
  const hdrNs = ((performance.now() - t) * 1e6) / n;
  console.log(
    `lag sample: ${ringNs.toFixed(0)} ns (the HDR histogram's record alone: ${hdrNs.toFixed(0)} ns, ratio ${(hdrNs / ringNs).toFixed(1)}x) ${against(ringNs, '<', 200, ' ns')}`,
  );
  t = performance.now();
  const snapshots = 100;
  for (let i = 0; i < snapshots; i += 1) window.snapshot(start + n / 1000);
  const snapshotUs = ((performance.now() - t) * 1000) / snapshots;
  console.log(
    `lag snapshot (a full 60 s window, asked for by getStatus only): ${snapshotUs.toFixed(0)} us ${against(snapshotUs, '<', 2000, ' us')}`,
  );
}
