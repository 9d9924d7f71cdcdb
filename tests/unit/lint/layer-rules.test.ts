import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of DESIGN.md are lint errors. Each case lints a one-line source as if it
 * lived at the given path, with the project's real ESLint config.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    [
      'src-main/engine/kill/x.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
      'only src-main/app',
    ],
    [
      'src-main/engine/kill/x.ts',
      "import { a } from '../../host/cli/run-cli';\nexport const b = a;\n",
      'must not import the host',
    ],
    [
      'src-main/engine/x.ts',
      "import { a } from '../app/main';\nexport const b = a;\n",
      'must not import the Electron app',
    ],
    [
      'src-renderer/x.ts',
      "import { Engine } from '../src-main/engine/engine';\nexport const e = Engine;\n",
      'must not import src-main',
    ],
    [
      'src-renderer/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'no node: imports',
    ],
    [
      'src-shared/x.ts',
      "import { Engine } from '../src-main/engine/engine';\nexport const e = Engine;\n",
      'must not import src-main',
    ],
    [
      'src-shared/x.ts',
      "import { App } from '../src-renderer/app';\nexport const a = App;\n",
      'must not import src-renderer',
    ],
    [
      'src-shared/x.ts',
      "import { ipcMain } from 'electron/main';\nexport const i = ipcMain;\n",
      'only src-main/app',
    ],
    [
      'src-main/host/x.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
      'only src-main/app',
    ],
  ])('%s: a wrong-way import fails lint', async (path, source, message) => {
    const errors = await layerErrors(path, source);
    expect(errors.some((e) => e.includes(message))).toBe(true);
  });

  it.each([
    ['src-main/app/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'src-main/engine/x.ts',
      "import { commands } from '../../src-shared/contract/commands';\nexport const c = commands;\n",
    ],
    [
      'src-renderer/x.ts',
      "import { commands } from '../src-shared/contract/commands';\nexport const c = commands;\n",
    ],
    [
      'src-main/host/x.ts',
      "import { Engine } from '../engine/engine';\nexport const e = Engine;\n",
    ],
  ])('%s: a right-way import passes', async (path, source) => {
    expect(await layerErrors(path, source)).toEqual([]);
  });
});
