import type { Clock, Scheduler } from '../../src-main/engine/clock';

/** A clock and scheduler that only move when the test says so. */
export class ManualClock implements Clock, Scheduler {
  private tasks: Array<{ every: number; next: number; run: () => void }> = [];

  constructor(private time: number) {}

  now(): number {
    return this.time;
  }

  every(intervalMs: number, task: () => void): () => void {
    const entry = { every: intervalMs, next: this.time + intervalMs, run: task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== entry);
    };
  }

  /** Moves time forward, running due repeating tasks in time order. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const due = this.tasks.filter((t) => t.next <= target).sort((a, b) => a.next - b.next)[0];
      if (due === undefined) break;
      this.time = due.next;
      due.next += due.every;
      due.run();
    }
    this.time = target;
  }
}
