import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';

/** Main event-loop lag over the recent window, in milliseconds. */
export interface EventLoopLag {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly samples: number;
  /**
   * The largest part of a late timer's lateness over the window that the loop's own thread
   * spent on a CPU (its own code blocking the loop), in ms; for the rest of a lateness the
   * thread was waiting for a core or in a blocking system call.
   */
  readonly maxBusyMs: number;
  /** How far back the figures reach. */
  readonly windowMs: number;
}

/** Measures how late the main event loop runs timers: the kill switch lives on this loop. */
export interface EventLoopLagMonitor {
  snapshot(): EventLoopLag;
  stop(): void;
}

interface Slice {
  readonly start: number;
  readonly histogram: RecordableHistogram;
  maxBusyMs: number;
}

const NS_PER_MS = 1e6;

/**
 * Lag samples over a sliding window made of fixed slices, so the figures say how the loop is
 * doing now: a slow startup stops counting once it is a window old, and an idle minute reads
 * near zero instead of carrying the worst moment since the process started. The window
 * advances in whole slices, so it covers between `windowMs - sliceMs` and `windowMs`.
 * Percentiles are exact to three significant digits (HDR histograms, merged per snapshot).
 */
export class LagWindow {
  private readonly slices: Slice[] = [];
  readonly sliceMs: number;

  constructor(
    readonly windowMs: number,
    sliceCount: number,
  ) {
    if (!Number.isInteger(sliceCount) || sliceCount < 1)
      throw new RangeError(`lag window: slice count must be a positive integer, got ${sliceCount}`);
    if (!Number.isFinite(windowMs) || windowMs <= 0)
      throw new RangeError(`lag window: window must be a positive duration, got ${windowMs} ms`);
    this.sliceMs = windowMs / sliceCount;
  }

  /**
   * One sample: how late a timer ran (ms, >= 0) at `nowMs` on a monotonic clock, and how much
   * CPU time the loop's thread used since the previous sample (`cpuMs`, >= 0): the busy share of
   * the lateness is min(lag, cpu).
   */
  record(lagMs: number, nowMs: number, cpuMs: number): void {
    if (!Number.isFinite(lagMs) || lagMs < 0)
      throw new RangeError(`lag window: lag must be a finite number >= 0, got ${lagMs}`);
    if (!Number.isFinite(cpuMs) || cpuMs < 0)
      throw new RangeError(`lag window: CPU time must be a finite number >= 0, got ${cpuMs}`);
    const start = Math.floor(nowMs / this.sliceMs) * this.sliceMs;
    let current = this.slices.at(-1);
    if (current === undefined || current.start !== start) {
      current = { start, histogram: createHistogram(), maxBusyMs: 0 };
      this.slices.push(current);
      this.expire(nowMs);
    }
    // HDR histograms hold integers >= 1: nanoseconds, with 0 recorded as 1 ns.
    current.histogram.record(Math.max(1, Math.round(lagMs * NS_PER_MS)));
    current.maxBusyMs = Math.max(current.maxBusyMs, Math.min(lagMs, cpuMs));
  }

  snapshot(nowMs: number): EventLoopLag {
    this.expire(nowMs);
    const merged = createHistogram();
    let maxBusyMs = 0;
    for (const slice of this.slices) {
      merged.add(slice.histogram);
      maxBusyMs = Math.max(maxBusyMs, slice.maxBusyMs);
    }
    const samples = merged.count;
    if (samples === 0)
      return { p50Ms: 0, p99Ms: 0, maxMs: 0, samples: 0, maxBusyMs: 0, windowMs: this.windowMs };
    return {
      p50Ms: merged.percentile(50) / NS_PER_MS,
      p99Ms: merged.percentile(99) / NS_PER_MS,
      maxMs: merged.max / NS_PER_MS,
      samples,
      maxBusyMs,
      windowMs: this.windowMs,
    };
  }

  /** Drops slices that ended a whole window ago. */
  private expire(nowMs: number): void {
    while (
      this.slices.length > 0 &&
      (this.slices[0] as Slice).start + this.sliceMs <= nowMs - this.windowMs
    )
      this.slices.shift();
  }
}

export interface LagMonitorOptions {
  /** Sampling period: a timer is due every `resolutionMs`; its lateness is one sample. */
  readonly resolutionMs?: number;
  readonly windowMs?: number;
}

/**
 * Samples the main loop with a 1 ms timer (by default) and keeps the last minute. Each
 * sample is how much later than due the timer ran, so an idle loop reads well under a
 * millisecond rather than the sampling period itself (node's monitorEventLoopDelay reports
 * the period plus the lag, which read 10 ms on an idle loop at its 10 ms default).
 */
export function startEventLoopLagMonitor(options: LagMonitorOptions = {}): EventLoopLagMonitor {
  const resolutionMs = options.resolutionMs ?? 1;
  const window = new LagWindow(options.windowMs ?? 60_000, 12);
  let due = performance.now() + resolutionMs;
  // This thread's CPU time (a worker's monitor would read its own): a late timer whose
  // interval the thread spent on a CPU was blocked by our code; one it did not was waiting.
  let cpu = process.threadCpuUsage();
  // One timer, re-armed after each sample (refresh() reuses it instead of allocating one).
  const timer = setTimeout(function tick(): void {
    const now = performance.now();
    const used = process.threadCpuUsage(cpu);
    cpu = process.threadCpuUsage();
    window.record(Math.max(0, now - due), now, (used.user + used.system) / 1000);
    due = now + resolutionMs;
    timer.refresh();
  }, resolutionMs);
  // The sampler must never keep a process alive on its own.
  timer.unref();
  return {
    snapshot: () => window.snapshot(performance.now()),
    stop: () => clearTimeout(timer),
  };
}
