import { afterEach } from 'vitest';

/** Registers what a test starts, so each one is stopped after the test, last first. */
export function stopAfterEach<T extends { stop(): Promise<void> }>(): (started: T) => T {
  const running: T[] = [];
  afterEach(async () => {
    for (const r of running.splice(0).reverse()) await r.stop();
  });
  return (started) => {
    running.push(started);
    return started;
  };
}
