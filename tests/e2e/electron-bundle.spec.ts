import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';

// The Electron main bundle (out/main, built by `npm run build`) starts its worker threads from
// sibling files of the module that asks (src-main/engine/worker-entry.ts). No Electron binary
// runs here, so this checks the built files: every module, entry or shared chunk, that names a
// worker finds that worker's bundle next to itself. (A chunk in a subfolder, as the engine's
// became once the backtest worker shared it with main.cjs, would start no scanner at all.)

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? modules(join(dir, entry.name))
      : entry.name.endsWith('.cjs')
        ? [join(dir, entry.name)]
        : [],
  );
}

test('every worker the Electron main bundle starts is a sibling of the module starting it', () => {
  const files = modules('out/main');
  const asked: string[] = [];
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    for (const [, name] of code.matchAll(/siblingWorkerEntry\(here, "[^"]+", "([^"]+)"\)/g)) {
      asked.push(name as string);
      expect(existsSync(join(dirname(file), `${name}.cjs`)), `${file} starts ./${name}.cjs`).toBe(
        true,
      );
    }
  }
  expect(asked.sort()).toEqual([
    'backtest-worker',
    'calibration-worker',
    'replay-loader-worker',
    'report-export-worker',
    'scanner-worker',
  ]);
});
