// Lint: typescript-eslint with the project's style rules, plus the layer rules of DESIGN.md as
// import restrictions per folder, so a wrong-way import fails `npm run lint`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const mainCode = {
  regex: '(^|/)src-main(/|$)',
  message: 'Layer rule: this layer must not import src-main.',
};
const rendererCode = {
  regex: '(^|/)src-renderer(/|$)',
  message: 'Layer rule: this layer must not import src-renderer.',
};
const electron = {
  name: 'electron',
  message: 'Layer rule: only src-main/app may import electron.',
};
const electronPattern = {
  regex: '^electron(/|$)',
  message: 'Layer rule: only src-main/app may import electron.',
};
const nodeBuiltins = {
  regex: '^node:',
  message: 'Layer rule: src-shared and src-renderer run without Node; no node: imports.',
};
const hostCode = {
  regex: '(^|/)host(/|$)',
  message: 'Layer rule: the engine must not import the host.',
};
const appCode = {
  regex: '(^|/)app(/|$)',
  message: 'Layer rule: the engine must not import the Electron app.',
};

/** Builds a no-restricted-imports rule from path names and regex patterns. */
const restrict = (paths, patterns) => ['error', { paths, patterns }];

export const layerRules = [
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [electron],
        [mainCode, rendererCode, electronPattern, nodeBuiltins],
      ),
    },
  },
  {
    files: ['src-main/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [electron],
        [rendererCode, electronPattern, hostCode, appCode],
      ),
    },
  },
  {
    files: ['src-main/host/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([electron], [rendererCode, electronPattern, appCode]),
    },
  },
  {
    files: ['src-main/app/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([], [rendererCode]) },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([electron], [mainCode, electronPattern, nodeBuiltins]),
    },
  },
];

/**
 * ccxt loads lazily, in one place (src-main/engine/market/load-ccxt.ts): a value import
 * anywhere else would load it (400-500 ms) for every command and every replay session. Type
 * imports are free and allowed.
 */
const ccxtMessage =
  'ccxt loads lazily: use `await loadCcxt()` from src-main/engine/market/load-ccxt.ts (type imports are fine).';
const namedExportsOnly = {
  selector: 'ExportDefaultDeclaration',
  message: 'Named exports only.',
};

export const ccxtRule = [
  {
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-main/engine/market/load-ccxt.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'ccxt',
              allowTypeImports: true,
              message: ccxtMessage,
            },
          ],
          patterns: [
            {
              group: ['ccxt/*'],
              allowTypeImports: true,
              message: ccxtMessage,
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        namedExportsOnly,
        { selector: 'ImportExpression[source.value=/^ccxt(\\/|$)/]', message: ccxtMessage },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tests/lint-fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': ['error', namedExportsOnly],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Tool configs must default-export by their tools' convention.
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  ...layerRules,
  ...ccxtRule,
);
