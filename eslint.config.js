// Lint: TypeScript's recommended rules, React hooks rules in the renderer, and the layering of the
// house (shared/ imports no Node, no Electron, no DOM; services import no Electron).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'electron',
                'better-sqlite3',
                'react',
                '*/electron/*',
                '*/renderer/*',
              ],
              message: 'shared/ runs anywhere: no Node, Electron, DOM or database imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/doors/**/*.ts', 'migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Services and doors import nothing from Electron; only electron/main and electron/preload do.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/doors/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Services and doors import nothing from Electron; only electron/main and electron/preload do.',
            },
          ],
          patterns: [
            {
              group: ['**/services/**'],
              allowTypeImports: true,
              message:
                'CLI commands reach the ledger through the contract (withLedger → ledger.send), never a service directly.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'better-sqlite3', '*/electron/*'],
              message: 'The renderer reaches data only through api.ts.',
            },
          ],
        },
      ],
    },
  },
);
