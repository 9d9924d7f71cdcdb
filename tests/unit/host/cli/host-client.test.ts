import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ContractCallError } from '../../../../src-shared/contract/wire';
import { connectToHost, type StartTimer } from '../../../../src-main/host/cli/host-client';
import { writeRuntimeFile } from '../../../../src-main/host/runtime-file';
import { useTempDirs } from '../../../support/temp-dir';

const tempDir = useTempDirs();
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Timers the test fires by hand: no waiting, no sleeps. */
function manualTimers(): { start: StartTimer; pending: Array<{ ms: number; fire: () => void }> } {
  const pending: Array<{ ms: number; fire: () => void }> = [];
  return {
    pending,
    start: (ms, onTimeout) => {
      const entry = { ms, fire: onTimeout };
      pending.push(entry);
      return () => pending.splice(pending.indexOf(entry), 1);
    },
  };
}

describe('CLI host client', () => {
  it('gives up on a call the host never answers with a TIMEOUT error, per call', async () => {
    // A host that accepts the connection and then never replies (stuck, or a bug).
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => silent.once('listening', () => resolve()));
    cleanups.push(() => silent.close());
    const dir = tempDir();
    const { port } = silent.address() as AddressInfo;
    writeRuntimeFile(dir, { pid: process.pid, port, token: 't', startedAt: 0 });

    const timers = manualTimers();
    // The default per-call bound: 15 s.
    const host = await connectToHost(dir, { startTimer: timers.start });
    cleanups.push(() => host.close());
    const call = host.client.call('setRiskConfig', { changes: { maxLeverage: 2 } });
    // The connect timer was cancelled on open; the call has its own.
    expect(timers.pending.map((t) => t.ms)).toEqual([15_000]);
    timers.pending[0]?.fire();
    const error = await call.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ContractCallError);
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('did not answer setRiskConfig within 15 s'),
    });
  });
});
