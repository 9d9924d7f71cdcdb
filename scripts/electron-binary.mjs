// Where the installed Electron binary is, or null when there is none.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Found the way electron's own index.js finds it (path.txt in its package, or
 * ELECTRON_OVERRIDE_DIST_PATH), without requiring that index: when the binary is missing it
 * starts a download, which offline prints "Downloading Electron binary..." and a fetch stack.
 * `from` is the module URL to resolve the electron package from.
 *
 * @param {string} from
 * @returns {string | null}
 */
// eslint-disable-next-line @typescript-eslint/explicit-module-boundary-types -- plain JS run by node; typed in electron-binary.d.mts
export function electronBinary(from) {
  let dir;
  try {
    dir = dirname(createRequire(from).resolve('electron/package.json'));
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
