/** Small timing helpers for `npm run bench` (never used by tests). */
export interface Distribution {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function distribution(samples: readonly number[]): Distribution {
  if (samples.length === 0) throw new Error('distribution of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return {
    count: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1] as number,
    mean,
  };
}

/** Nanosecond-resolution duration of fn in microseconds. */
export function timeMicros(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1000;
}

export function formatMicros(d: Distribution): string {
  return `p50 ${d.p50.toFixed(1)} us, p99 ${d.p99.toFixed(1)} us, max ${d.max.toFixed(1)} us (n=${d.count})`;
}

/** "(target < 5 ms: met)" or "(target < 5 ms: MISSED)", printed next to a figure. */
export function against(value: number, comparison: '<' | '>=', target: number, unit = ''): string {
  const met = comparison === '<' ? value < target : value >= target;
  return `(target ${comparison} ${target}${unit}: ${met ? 'met' : 'MISSED'})`;
}

/**
 * Fastest time of each named task over `rounds` interleaved rounds, in milliseconds.
 * Interleaving keeps a busy moment on a shared machine from landing on one task only.
 */
export function fastestInterleaved(
  rounds: number,
  tasks: ReadonlyArray<readonly [string, () => void]>,
): Map<string, number> {
  const fastest = new Map<string, number>(tasks.map(([name]) => [name, Number.POSITIVE_INFINITY]));
  for (let r = 0; r < rounds; r += 1) {
    for (const [name, task] of tasks) {
      const start = process.hrtime.bigint();
      task();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (ms < (fastest.get(name) as number)) fastest.set(name, ms);
    }
  }
  return fastest;
}

/**
 * The step in which this machine counts a thread's CPU time, in milliseconds: the 90th
 * percentile of the non-zero changes seen while spinning for 100 ms (the first few changes
 * can be fractions of a tick as the kernel splits user and system time). Where the kernel counts it per scheduler
 * tick (4 ms at 250 Hz, as on our shared machines) a reading over one bar close is 0 or a
 * whole tick, so only sums over many closes mean anything; a precise clock gives microseconds.
 */
export function threadCpuStepMs(): number {
  const steps: number[] = [];
  let last = process.threadCpuUsage();
  const until = performance.now() + 100;
  while (performance.now() < until) {
    const read = process.threadCpuUsage();
    const us = read.user - last.user + (read.system - last.system);
    if (us > 0) steps.push(us / 1000);
    last = read;
  }
  if (steps.length === 0) throw new Error('bench: the thread CPU clock did not move in 100 ms');
  const sorted = steps.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.9)] as number;
}
