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

describe('ccxt loads in one place', () => {
  const ccxtErrors = async (filePath: string, source: string): Promise<string[]> => {
    const [result] = await eslint.lintText(source, { filePath });
    return (result?.messages ?? [])
      .filter(
        (m) =>
          m.ruleId === '@typescript-eslint/no-restricted-imports' ||
          m.ruleId === 'no-restricted-syntax',
      )
      .map((m) => m.message);
  };

  it.each([
    ['src-main/engine/market/ccxt-x.ts', "import * as ccxt from 'ccxt';\nexport const c = ccxt;\n"],
    [
      'src-main/engine/market/exchanges/x.ts',
      "import { binance } from 'ccxt';\nexport const b = binance;\n",
    ],
    ['src-main/host/x.ts', "import ccxt from 'ccxt';\nexport const c = ccxt;\n"],
    ['src-main/engine/x.ts', "import { pro } from 'ccxt/js/ccxt.js';\nexport const p = pro;\n"],
    [
      'src-main/engine/market/exchanges/y.ts',
      "export const load = (): Promise<unknown> => import('ccxt');\n",
    ],
  ])('%s: a value import of ccxt fails lint', async (path, source) => {
    const errors = await ccxtErrors(path, source);
    expect(errors.some((e) => e.includes('loadCcxt()'))).toBe(true);
  });

  it.each([
    [
      'src-main/engine/market/ccxt-x.ts',
      "import type { Exchange } from 'ccxt';\nexport type E = Exchange;\n",
    ],
    [
      'src-main/engine/market/load-ccxt.ts',
      "export const load = (): Promise<unknown> => import('ccxt');\n",
    ],
  ])('%s: type imports and the loader itself pass', async (path, source) => {
    expect(await ccxtErrors(path, source)).toEqual([]);
  });
});
