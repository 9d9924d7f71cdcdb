import { performance } from 'node:perf_hooks';

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

/**
 * Lag is counted in microseconds, in log-linear bins: exact to 1 µs below 256 µs, then 128 bins
 * per power of two (each bin under 0.8% of its value wide, three significant digits as the HDR
 * histogram gave). 28 powers reach 2^35 µs (9.5 hours); longer is counted in the last bin.
 */
const LINEAR_US = 256;
const SUB_BINS = 128;
const OCTAVES = 28;
const BINS = LINEAR_US + OCTAVES * SUB_BINS;

function binOf(us: number): number {
  if (us < LINEAR_US) return us;
  // 2^(e+7) <= us < 2^(e+8): the bin width is 2^e µs.
  const e = 31 - Math.clz32(us) - 7;
  return Math.min(BINS - 1, LINEAR_US + (e - 1) * SUB_BINS + ((us >>> e) - SUB_BINS));
}

/** The largest lag (µs) a bin counts. */
function binTopUs(bin: number): number {
  if (bin < LINEAR_US) return bin;
  const e = Math.floor((bin - LINEAR_US) / SUB_BINS) + 1;
  const sub = ((bin - LINEAR_US) % SUB_BINS) + SUB_BINS;
  return (sub + 1) * 2 ** e - 1;
}

/**
 * Lag samples over a sliding window made of fixed slices, so the figures say how the loop is
 * doing now: a slow startup stops counting once it is a window old, and an idle minute reads
 * near zero instead of carrying the worst moment since the process started. The window
 * advances in whole slices, so it covers between `windowMs - sliceMs` and `windowMs`.
 *
 * The slices are a fixed ring of count arrays allocated once: a sample is one array increment
 * and two comparisons (this runs every millisecond on the loop that carries the kill switch, so
 * it allocates nothing); the percentiles are worked out only when a snapshot is asked for.
 */
export class LagWindow {
  readonly sliceMs: number;
  private readonly counts: Uint32Array;
  /** Per ring slot: the start of the slice it holds (NaN: empty), its sample count, max lag and max busy part. */
  private readonly starts: Float64Array;
  private readonly samples: Float64Array;
  private readonly maxMs: Float64Array;
  private readonly maxBusyMs: Float64Array;
  private readonly sliceCount: number;

  constructor(
    readonly windowMs: number,
    sliceCount: number,
  ) {
    if (!Number.isInteger(sliceCount) || sliceCount < 1)
      throw new RangeError(`lag window: slice count must be a positive integer, got ${sliceCount}`);
    if (!Number.isFinite(windowMs) || windowMs <= 0)
      throw new RangeError(`lag window: window must be a positive duration, got ${windowMs} ms`);
    this.sliceMs = windowMs / sliceCount;
    // One slot more than the window's slices: the slice in progress and the whole window behind it.
    this.sliceCount = sliceCount + 1;
    this.counts = new Uint32Array(this.sliceCount * BINS);
    this.starts = new Float64Array(this.sliceCount).fill(Number.NaN);
    this.samples = new Float64Array(this.sliceCount);
    this.maxMs = new Float64Array(this.sliceCount);
    this.maxBusyMs = new Float64Array(this.sliceCount);
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
    const index = Math.floor(nowMs / this.sliceMs);
    const start = index * this.sliceMs;
    const slot = index % this.sliceCount;
    if (this.starts[slot] !== start) {
      // The slot held a slice a whole ring ago (or nothing): it starts over.
      this.counts.fill(0, slot * BINS, (slot + 1) * BINS);
      this.starts[slot] = start;
      this.samples[slot] = 0;
      this.maxMs[slot] = 0;
      this.maxBusyMs[slot] = 0;
    }
    const us = Math.min(0x7fffffff, Math.round(lagMs * 1000));
    (this.counts[slot * BINS + binOf(us)] as number) += 1;
    (this.samples[slot] as number) += 1;
    if (lagMs > (this.maxMs[slot] as number)) this.maxMs[slot] = lagMs;
    const busy = lagMs < cpuMs ? lagMs : cpuMs;
    if (busy > (this.maxBusyMs[slot] as number)) this.maxBusyMs[slot] = busy;
  }

  snapshot(nowMs: number): EventLoopLag {
    const live: number[] = [];
    let samples = 0;
    let maxMs = 0;
    let maxBusyMs = 0;
    for (let slot = 0; slot < this.sliceCount; slot += 1) {
      const start = this.starts[slot] as number;
      // A slice counts until it ended a whole window ago (and never one from the future).
      if (Number.isNaN(start) || start + this.sliceMs <= nowMs - this.windowMs || start > nowMs)
        continue;
      live.push(slot);
      samples += this.samples[slot] as number;
      maxMs = Math.max(maxMs, this.maxMs[slot] as number);
      maxBusyMs = Math.max(maxBusyMs, this.maxBusyMs[slot] as number);
    }
    if (samples === 0)
      return { p50Ms: 0, p99Ms: 0, maxMs: 0, samples: 0, maxBusyMs: 0, windowMs: this.windowMs };
    return {
      p50Ms: this.percentile(live, samples, 50, maxMs),
      p99Ms: this.percentile(live, samples, 99, maxMs),
      maxMs,
      samples,
      maxBusyMs,
      windowMs: this.windowMs,
    };
  }

  /** The lag at or below which `pct`% of the samples fall: its bin's top, never above the max. */
  private percentile(
    slots: readonly number[],
    samples: number,
    pct: number,
    maxMs: number,
  ): number {
    const rank = Math.max(1, Math.ceil((samples * pct) / 100));
    let seen = 0;
    for (let bin = 0; bin < BINS; bin += 1) {
      for (const slot of slots) seen += this.counts[slot * BINS + bin] as number;
      if (seen >= rank) return Math.min(maxMs, binTopUs(bin) / 1000);
    }
    return maxMs;
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
  // One read per tick, differenced by hand (asking for a difference would cost a second read).
  let cpu = process.threadCpuUsage();
  // One timer, re-armed after each sample (refresh() reuses it instead of allocating one).
  const timer = setTimeout(function tick(): void {
    const now = performance.now();
    const read = process.threadCpuUsage();
    const usedUs = read.user - cpu.user + (read.system - cpu.system);
    cpu = read;
    window.record(Math.max(0, now - due), now, usedUs / 1000);
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
