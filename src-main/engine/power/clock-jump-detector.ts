import type { Clock, Scheduler } from '../clock';

/** A clock that never jumps (performance.now): it stops while the machine sleeps. */
export interface MonotonicClock {
  now(): number;
}

export const systemMonotonic: MonotonicClock = { now: () => performance.now() };

export interface ClockJump {
  /** Wall-clock time between the last two ticks. */
  readonly wallMs: number;
  /** Monotonic time between the same ticks. */
  readonly monoMs: number;
  /** Best estimate of how long the engine was away. */
  readonly sleptMs: number;
}

export interface ClockJumpDetectorOptions {
  readonly wall: Clock;
  readonly mono: MonotonicClock;
  readonly scheduler: Scheduler;
  readonly intervalMs: number;
  /** A gap beyond this between wall and monotonic time (or between ticks) is a sleep. */
  readonly thresholdMs: () => number;
  readonly onJump: (jump: ClockJump) => void;
}

export interface ClockJumpDetector {
  /**
   * Looks now, between ticks: a wake is noticed before anything else reacts to the stale
   * data it left behind (the stale-quote panic asks this first).
   */
  checkNow(): void;
  stop(): void;
}

/**
 * Notices a system sleep without any OS event, so `vigil serve` gets one too. A suspended
 * machine stops the monotonic clock but not the wall clock, so after a wake their deltas
 * disagree by the sleep's length; a frozen process (SIGSTOP, a paused VM, a platform whose
 * monotonic clock runs through sleep) shows instead as a tick arriving far too late. Either
 * beyond the threshold is reported once, when the engine runs again.
 */
export function startClockJumpDetector(options: ClockJumpDetectorOptions): ClockJumpDetector {
  let lastWall = options.wall.now();
  let lastMono = options.mono.now();
  const look = (expectedMs: number | null): void => {
    const wall = options.wall.now();
    const mono = options.mono.now();
    const wallMs = wall - lastWall;
    const monoMs = mono - lastMono;
    const threshold = options.thresholdMs();
    const skew = Math.abs(wallMs - monoMs);
    // Only a scheduled tick knows how late it is; a look between ticks judges the skew alone.
    const late = expectedMs === null ? 0 : monoMs - expectedMs;
    if (expectedMs === null && skew <= threshold) return;
    lastWall = wall;
    lastMono = mono;
    if (skew > threshold || late > threshold) {
      options.onJump({
        wallMs,
        monoMs,
        // Suspended: the wall clock ran ahead by the sleep; frozen: the tick came that late.
        sleptMs: Math.max(skew, late),
      });
    }
  };
  const stop = options.scheduler.every(options.intervalMs, () => look(options.intervalMs));
  return { checkNow: () => look(null), stop };
}
