import type { Clock } from '../../src-main/engine/clock';
import type { MonotonicClock } from '../../src-main/engine/power/clock-jump-detector';
import { ManualClock } from './manual-clock';

/**
 * A laptop's two clocks, driven by the test: the monotonic clock (which also runs the
 * scheduler's timers) and the wall clock, which follows it and moves on alone while the
 * machine sleeps, as CLOCK_MONOTONIC and CLOCK_REALTIME do across a suspend.
 */
export class LaptopClock extends ManualClock implements MonotonicClock {
  private sleptMs = 0;
  readonly wall: Clock = { now: () => this.now() + this.sleptMs };

  constructor(wallStart: number) {
    super(0);
    this.sleptMs = wallStart;
  }

  /** The machine sleeps: wall time moves on, no timer runs, the monotonic clock stands still. */
  sleep(ms: number): void {
    this.sleptMs += ms;
  }
}
