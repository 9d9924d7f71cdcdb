// `npm start`: launch the Electron app; where no Electron binary is installed, say so in one
// line and run the headless host with the browser UI instead, so Vigil runs anywhere.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Found the way electron's own index.js finds it (path.txt in its package, or
// ELECTRON_OVERRIDE_DIST_PATH), without requiring that index: when the binary is missing it
// starts a download, which offline prints "Downloading Electron binary..." and a fetch stack.
function electronBinary() {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const candidate =
    override !== undefined && override !== ''
      ? join(override, relative === '' ? 'electron' : relative)
      : relative === ''
        ? null
        : join(dir, 'dist', relative);
  return candidate !== null && existsSync(candidate) ? candidate : null;
}

const binary = electronBinary();
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
