/** Time source for the engine. Injected everywhere so tests and replay control time. */
export interface Clock {
  /** Epoch milliseconds, UTC. */
  now(): number;
}

/** Repeating timer, injected so tests can drive heartbeats without sleeping. */
export interface Scheduler {
  every(intervalMs: number, task: () => void): () => void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemScheduler: Scheduler = {
  every(intervalMs, task) {
    const timer = setInterval(task, intervalMs);
    // A heartbeat must never keep a CLI process alive on its own.
    timer.unref();
    return () => clearInterval(timer);
  },
};
