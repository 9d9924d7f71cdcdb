import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalInput } from '../../../../src-main/host/cli/terminal-input';

/** A stdin that claims to be a terminal, recording raw-mode switches. */
function fakeTty(): {
  stdin: NodeJS.ReadStream;
  raw: boolean[];
  stderr: NodeJS.WriteStream;
  shown: string[];
} {
  const stream = new PassThrough();
  const raw: boolean[] = [];
  const stdin = Object.assign(stream, {
    isTTY: true,
    setRawMode: (on: boolean) => {
      raw.push(on);
      return stdin;
    },
  }) as unknown as NodeJS.ReadStream;
  const shown: string[] = [];
  const stderr = { write: (text: string) => shown.push(text) } as unknown as NodeJS.WriteStream;
  return { stdin, raw, stderr, shown };
}

describe('terminal input for vigil keys set', () => {
  it('reads a hidden answer in raw mode: nothing typed is echoed, backspace edits', async () => {
    const tty = fakeTty();
    const input = terminalInput(tty.stdin, tty.stderr);
    expect(input.interactive).toBe(true);
    const answer = input.readSecret('Secret (not shown): ');
    tty.stdin.write('s3cr');
    tty.stdin.write('x\u007fet-value\r');
    expect(await answer).toBe('s3cret-value');
    expect(tty.shown).toEqual(['Secret (not shown): ', '\n']);
    expect(tty.raw).toEqual([true, false]);
  });

  it('Ctrl-C cancels the prompt', async () => {
    const tty = fakeTty();
    const answer = terminalInput(tty.stdin, tty.stderr).readSecret('API key (not shown): ');
    tty.stdin.write('abc\u0003');
    await expect(answer).rejects.toThrow('cancelled');
    expect(tty.raw).toEqual([true, false]);
  });

  it('reads piped stdin to its end, and refuses more than 64 KiB', async () => {
    const tty = fakeTty();
    const all = terminalInput(tty.stdin, tty.stderr).readAll();
    tty.stdin.end('{"apiKey":"k","secret":"s"}');
    expect(await all).toBe('{"apiKey":"k","secret":"s"}');
    const big = fakeTty();
    const tooMuch = terminalInput(big.stdin, big.stderr).readAll();
    big.stdin.end(Buffer.alloc(70_000, 'x'));
    await expect(tooMuch).rejects.toThrow('standard input is larger than 65536 bytes');
  });
});
