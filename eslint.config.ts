import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'test-artifacts/', '.bench-tmp/', 'supervisor/schema/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The supervisor runs without Electron (berth run, CI, servers): it must never import it.
    files: ['supervisor/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', 'electron/*', '../../electron/*', '../../renderer/*'], message: 'The supervisor never imports Electron or the renderer.' }] }],
    },
  },
  {
    // The renderer has no Node APIs; of the supervisor it sees only the control API contract.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'electron', 'electron/*'], message: 'The renderer has no Node or Electron APIs.' },
        { regex: '^\\.\\./(\\.\\./)*supervisor/(?!src/control/contract(\\.ts)?$)', message: 'The renderer imports only supervisor/src/control/contract.ts.' },
      ] }],
    },
  },
  {
    // Main process and preload: only the contract of the supervisor, never its internals.
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^\\.\\./(\\.\\./)*supervisor/(?!src/control/contract(\\.ts)?$|src/fs/atomic-write(\\.ts)?$)', message: 'electron/ imports only the contract and the atomic-write helper of the supervisor.' },
      ] }],
    },
  },
);
