import type { Sleep } from '../../src-main/engine/kill/sleeper';

/** A Sleep that records the requested waits and resolves on the next macrotask, never for real. */
export function instantSleep(): Sleep & { waits: number[] } {
  const waits: number[] = [];
  const sleep = (ms: number): Promise<void> => {
    waits.push(ms);
    return new Promise((resolve) => setImmediate(resolve));
  };
  return Object.assign(sleep, { waits });
}
