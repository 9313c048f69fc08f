import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The supervisor never imports Electron or the renderer. */
const NO_ELECTRON = { group: ['electron', 'electron/*', '../../electron/*', '../../renderer/*'], message: 'The supervisor never imports Electron or the renderer.' };

/** What of the supervisor electron/ and renderer/ may import: the contract and the client core's index. */
const SUPERVISOR_FOR_CLIENTS = 'src/control/contract(\\.ts)?$|src/control/client/index\\.ts$';

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
    // The control-API client core runs in the browser, Electron main and Node alike: no Node or
    // Electron imports, and of the supervisor only the contract (tests may run servers).
    files: ['supervisor/src/control/client/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'electron', 'electron/*'], message: 'The client core is pure: it runs in the browser too.' },
        { regex: '^\\.\\./(?!contract(-core)?\\.ts$)', message: 'The client core imports only the contract from the rest of the supervisor.' },
      ] }],
    },
  },
  {
    // The renderer has no Node APIs; of the supervisor it sees only the contract and the client core.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'electron', 'electron/*'], message: 'The renderer has no Node or Electron APIs.' },
        { regex: `^\\.\\./(\\.\\./)*supervisor/(?!${SUPERVISOR_FOR_CLIENTS})`, message: 'The renderer imports only the control contract and the client core (its index.ts) of the supervisor.' },
      ] }],
    },
  },
  {
    // Main process and preload: only the contract and the client core of the supervisor, never its
    // internals. electron/ipc/ (shared with the sandboxed preload) takes client-error.ts alone, without zod.
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: `^\\.\\./(\\.\\./)*supervisor/(?!${SUPERVISOR_FOR_CLIENTS}|src/control/client/client-error\\.ts$|src/fs/atomic-write(\\.ts)?$)`, message: 'electron/ imports only the contract, the client core and the atomic-write helper of the supervisor.' },
      ] }],
    },
  },
);
