import { homedir } from 'node:os';
import { exitAfterOutput } from './exit-after-output';
import { runCli } from './run-cli';
import { terminalInput } from './terminal-input';

const stopSignal = new Promise<string>((resolve) => {
  process.once('SIGINT', () => resolve('SIGINT'));
  process.once('SIGTERM', () => resolve('SIGTERM'));
});

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  platform: process.platform,
  home: homedir(),
  stopSignal,
  input: terminalInput(process.stdin, process.stderr),
}).then(
  (code) => exitAfterOutput(code),
  (error: unknown) => {
    process.stderr.write(
      `vigil: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    exitAfterOutput(1);
  },
);
