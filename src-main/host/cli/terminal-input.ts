import type { CliInput } from './cli-io';

/** Largest stdin a command accepts (a key JSON object is a few hundred bytes). */
const MAX_STDIN_BYTES = 64 * 1024;

/**
 * The process's stdin: a hidden prompt on a terminal (raw mode, nothing echoed, Ctrl-C
 * aborts), or the whole piped input for scripts.
 */
export function terminalInput(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): CliInput {
  return {
    interactive: stdin.isTTY === true,
    readSecret: (prompt) =>
      new Promise((resolve, reject) => {
        stderr.write(prompt);
        let answer = '';
        stdin.setRawMode(true);
        stdin.resume();
        stdin.setEncoding('utf8');
        const done = (error?: Error): void => {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          stderr.write('\n');
          if (error === undefined) resolve(answer);
          else reject(error);
        };
        const onData = (chunk: string): void => {
          for (const ch of chunk) {
            if (ch === '\r' || ch === '\n') return done();
            if (ch === '\u0003' || ch === '\u0004') return done(new Error('cancelled'));
            if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
            else if (ch >= ' ') answer += ch;
          }
        };
        stdin.on('data', onData);
      }),
    readAll: () =>
      new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        stdin.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_STDIN_BYTES) {
            stdin.destroy();
            reject(new Error(`standard input is larger than ${MAX_STDIN_BYTES} bytes`));
          } else chunks.push(chunk);
        });
        stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        stdin.on('error', reject);
      }),
  };
}
