import { afterEach } from 'vitest';

/** Registers what a test starts, so each one is stopped after the test, last first. */
export function stopAfterEach<T extends { stop(): Promise<void> }>(): <U extends T>(
  started: U,
) => U {
  const running: T[] = [];
  afterEach(async () => {
    for (const r of running.splice(0).reverse()) await r.stop();
  });
  return <U extends T>(started: U): U => {
    running.push(started);
    return started;
  };
}
