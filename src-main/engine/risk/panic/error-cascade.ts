import type { PanicAlarm } from './panic-types';

/** N venue errors within M seconds (per venue): the exchange is failing under us. */
export class ErrorCascadeDetector {
  private readonly errors = new Map<string, number[]>();

  record(venue: string, at: number, count: number, windowSec: number): PanicAlarm | null {
    let times = this.errors.get(venue);
    if (times === undefined) {
      times = [];
      this.errors.set(venue, times);
    }
    times.push(at);
    const since = at - windowSec * 1000;
    while (times.length > 0 && (times[0] as number) <= since) times.shift();
    if (times.length < count) return null;
    return {
      detector: 'error-cascade',
      reason: `${times.length} errors from ${venue} within ${windowSec} s (limit ${count})`,
      numbers: { errors: times.length, limit: count, windowSec },
    };
  }
}
