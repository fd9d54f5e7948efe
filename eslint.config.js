import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const engineBans = {
  paths: [
    { name: 'react', message: 'src/engine is pure TypeScript: no React.' },
    { name: 'react-dom', message: 'src/engine is pure TypeScript: no React.' },
    { name: 'three', message: 'src/engine is pure TypeScript: no three.' },
    { name: 'comlink', message: 'src/engine is pure TypeScript: comlink belongs in src/worker.' },
    { name: 'zustand', message: 'src/engine is pure TypeScript: stores belong in src/state.' },
  ],
  patterns: [
    { group: ['@react-three/*', 'zustand/*', 'three/*', 'node:*', 'fs', 'path'], message: 'src/engine runs in a worker, in Node and in tests: no UI, 3D or Node-only imports.' },
    { group: ['**/worker/**', '**/state/**', '**/ui/**', '**/scene/**', '**/cli/**'], message: 'Arrows point down: the engine imports nothing above it.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**', 'src/scene/**', 'src/state/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/engine/**'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': ['error', engineBans],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'navigator', 'localStorage', 'process', 'require'],
    },
  },
  {
    files: ['src/worker/**', 'src/state/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/ui/**', '**/scene/**'], message: 'Arrows point down: state and worker do not import UI or scene.' }] }],
    },
  },
);
