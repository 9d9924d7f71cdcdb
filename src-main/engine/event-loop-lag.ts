import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Main event-loop lag since the monitor started, in milliseconds. */
export interface EventLoopLag {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly samples: number;
}

/** Measures how late the main event loop runs timers: the kill switch lives on this loop. */
export interface EventLoopLagMonitor {
  snapshot(): EventLoopLag;
  stop(): void;
}

const NS_PER_MS = 1e6;

/** Node's event-loop delay histogram, sampled every `resolutionMs`. */
export function startEventLoopLagMonitor(resolutionMs = 10): EventLoopLagMonitor {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  return {
    snapshot(): EventLoopLag {
      const samples = histogram.count;
      if (samples === 0) return { p50Ms: 0, p99Ms: 0, maxMs: 0, samples: 0 };
      return {
        p50Ms: histogram.percentile(50) / NS_PER_MS,
        p99Ms: histogram.percentile(99) / NS_PER_MS,
        maxMs: histogram.max / NS_PER_MS,
        samples,
      };
    },
    stop(): void {
      histogram.disable();
    },
  };
}
