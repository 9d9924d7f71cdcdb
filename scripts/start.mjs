// `npm start`: launch the Electron app; where no Electron binary is installed, say so in one
// line and run the headless host with the browser UI instead, so Vigil runs anywhere.
import { spawn } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const binary = electronBinary(import.meta.url);
const [command, args] =
  binary !== null
    ? [binary, ['.']]
    : [process.execPath, ['bin/vigil.mjs', 'serve', '--open', ...process.argv.slice(2)]];
if (binary === null) {
  console.log('Electron binary not installed; starting browser mode (vigil serve --open).');
}
const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
