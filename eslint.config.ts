import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The supervisor never imports Electron or the renderer. */
const NO_ELECTRON = { group: ['electron', 'electron/*', '../../electron/*', '../../renderer/*'], message: 'The supervisor never imports Electron or the renderer.' };

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
      'no-restricted-imports': ['error', { patterns: [NO_ELECTRON] }],
    },
  },
  {
    // The runtime composes the concerns; none of them imports it back (the event bus is its own
    // concern, so control, telemetry and output subscribe to events/ without a cycle).
    files: ['supervisor/src/**/*.ts'],
    ignores: ['supervisor/src/runtime/**', 'supervisor/src/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_ELECTRON, { group: ['**/runtime/*', '**/runtime/**'], message: 'Only the CLI imports the runtime; a concern the runtime uses must not import it back (no cycles).' }] }],
    },
  },
  {
    // The lifecycle machine is pure: no Node I/O, no effectful concern; effects go out as data.
    files: ['supervisor/src/runtime/lifecycle/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-helper.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [NO_ELECTRON, { group: ['node:*', 'fs', 'path', 'child_process', 'net', 'http'], message: 'The lifecycle machine imports no Node I/O.' }, { regex: '^\\.\\./(?!lifecycle/)(?!\\.\\./(control/contract|manifest/schema|manifest/duration|process/exit-info|restart/decide-restart|restart/backoff)\\.ts$)', message: 'The lifecycle machine imports only pure modules (contract, schema types, exit-info, restart decisions).' }] }],
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
