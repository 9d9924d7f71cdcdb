// `npm run dist`: build the installers with electron-builder (electron-builder.config.ts).
// electron-builder needs an Electron binary to package; it would download one, which cannot
// work offline. So this script packages from a local Electron only: `--electron-dist DIR` or
// VIGIL_ELECTRON_DIST, else the one electron's npm package installed (node_modules/electron/dist).
// Without any, it says so in one line and builds nothing (exit 1).
// Other arguments go to electron-builder as they are, e.g. `npm run dist -- --linux deb`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The executable inside an unpacked Electron distribution, per platform. */
function electronExecutable(dir, platform = process.platform) {
  if (platform === 'darwin') return join(dir, 'Electron.app', 'Contents', 'MacOS', 'Electron');
  if (platform === 'win32') return join(dir, 'electron.exe');
  return join(dir, 'electron');
}

/**
 * The Electron distribution folder to package with: the one given (flag or environment), else
 * the electron npm package's own download. Returns `{ ok: true, dir }` or `{ ok: false, reason }`
 * with the one line a trader or CI log needs.
 */
function resolveElectronDist(root, given, platform = process.platform) {
  if (given !== undefined && given !== '') {
    const dir = resolve(root, given);
    if (!existsSync(electronExecutable(dir, platform)))
      return {
        ok: false,
        reason: `--electron-dist ${given} has no Electron executable (${electronExecutable(dir, platform)})`,
      };
    return { ok: true, dir };
  }
  const installed = join(root, 'node_modules', 'electron', 'dist');
  if (existsSync(electronExecutable(installed, platform))) return { ok: true, dir: installed };
  return {
    ok: false,
    reason:
      'no Electron binary here (node_modules/electron/dist is missing: installed with ELECTRON_SKIP_BINARY_DOWNLOAD) and no --electron-dist DIR or VIGIL_ELECTRON_DIST given',
  };
}

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const flag = args.indexOf('--electron-dist');
const given = flag >= 0 ? args[flag + 1] : process.env.VIGIL_ELECTRON_DIST;
const passThrough = flag >= 0 ? [...args.slice(0, flag), ...args.slice(flag + 2)] : args;

const found = resolveElectronDist(root, given);
if (!found.ok) {
  console.error(`npm run dist: ${found.reason}; nothing built.`);
  process.exit(1);
}

const run = (command, commandArgs) => {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run('npm', ['run', '--silent', 'build']);
run(join(root, 'node_modules', '.bin', 'electron-builder'), [
  '--config',
  'electron-builder.config.ts',
  `-c.electronDist=${found.dir}`,
  ...passThrough,
]);

const out = join(root, 'dist');
const built = existsSync(out)
  ? readdirSync(out).filter((f) => statSync(join(out, f)).isFile() && !f.endsWith('.yml'))
  : [];
console.log(`npm run dist: built ${built.length} package(s) in dist/: ${built.join(', ')}`);
