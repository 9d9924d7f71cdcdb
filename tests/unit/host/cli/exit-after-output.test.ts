import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { exitAfterOutput } from '../../../../src-main/host/cli/exit-after-output';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A stream like a pipe with a slow reader: each write completes only when the reader reads. */
function slowPipe(): { stream: Writable; written: () => number; read: () => Promise<void> } {
  const waiting: Array<() => void> = [];
  let bytes = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      waiting.push(() => callback());
    },
  });
  return {
    stream,
    written: () => bytes,
    // Reads until the pipe is empty (each completed write lets the next queued one through).
    read: async () => {
      while (waiting.length > 0) {
        for (const done of waiting.splice(0)) done();
        await tick();
      }
    },
  };
}

describe('the CLI exits only after its output is out', () => {
  const exitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCode;
  });

  it('waits for every earlier write on stdout and stderr before exiting', async () => {
    const stdout = slowPipe();
    const stderr = slowPipe();
    const exits: number[] = [];
    stdout.stream.write('x'.repeat(100_000));
    stderr.stream.write('warning\n');
    exitAfterOutput(1, [stdout.stream, stderr.stream], (code) => exits.push(code));
    await tick();
    expect(exits).toEqual([]); // the report is still in the pipe
    await stdout.read();
    expect(exits).toEqual([]); // stderr has not been read yet
    await stderr.read();
    expect(exits).toEqual([1]);
    expect(stdout.written()).toBe(100_000);
    expect(process.exitCode).toBe(1);
  });
});
