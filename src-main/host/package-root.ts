import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Vigil's package.json, found by walking up from this module. Works both
 * from the sources (tsx) and from the bundled CLI in out/cli.
 */
export function packageRoot(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'vigil') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find Vigil's package.json above ${fromUrl}`);
    dir = parent;
  }
}

export function packageVersion(root: string = packageRoot()): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
