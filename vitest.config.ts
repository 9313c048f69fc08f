import { defineConfig } from 'vitest/config';

// Two projects: everything that runs on Node (supervisor, electron main with a fake Electron,
// the example services, end-to-end tests) and the renderer's component tests in jsdom.
export default defineConfig({
  test: {
    // Real processes and real sockets: no retries, generous per-test ceilings, and a bounded
    // number of files at once so two cores are not oversubscribed.
    retry: 0,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['supervisor/**/*.test.ts', 'electron/**/*.test.ts', 'services/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.tsx', 'renderer/**/*.test.ts'],
        },
      },
    ],
  },
});
