// Lint rules double as architecture checks: the dependency rule of docs/architecture.md is
// enforced here with no-restricted-imports, and core/ gets no DOM or browser globals.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const entryFolders = ['content', 'background', 'popup', 'options'];
const noEntryImports = (self) =>
  entryFolders
    .filter((f) => f !== self)
    .map((f) => ({
      group: [`**/${f}/*`, `../${f}/*`],
      message: `entry folders never import each other (${f}/)`,
    }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/results.json', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'webextension-polyfill',
              message: 'import browser from src/shared/browser.ts only',
            },
          ],
        },
      ],
    },
  },
  {
    // core is pure: no DOM, no browser APIs, no imports from the rest of the project.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2024 } },
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'chrome',
        'browser',
        'navigator',
        'location',
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: ['webextension-polyfill'],
          patterns: [
            {
              group: ['../*', '!./*'],
              message: 'core imports nothing from the rest of the project',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/browser.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'webextension-polyfill',
              message: 'import browser from src/shared/browser.ts only',
            },
          ],
          patterns: entryFolders.map((f) => ({
            group: [`../${f}/*`],
            message: 'shared never imports entry folders',
          })),
        },
      ],
    },
  },
  {
    // The one module allowed to import the polyfill (src/shared/browser.ts explains why).
    files: ['src/shared/browser.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  ...entryFolders.map((f) => ({
    files: [`src/${f}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'webextension-polyfill',
              message: 'import browser from src/shared/browser.ts only',
            },
          ],
          patterns: noEntryImports(f),
        },
      ],
    },
  })),
);
