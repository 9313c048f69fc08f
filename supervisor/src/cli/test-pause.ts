// Test-only: BERTH_TEST_PAUSE_AT=<step> makes an install or hand-off step say so on stderr and wait
// forever there, so a test can kill -9 the process at exactly that point (steps: install:staged,
// install:renamed, handoff:stopping, handoff:backing-up, handoff:switched, handoff:starting).

/** The pause hook for `env`, or nothing when no pause is asked for. */
export function testPause(env: NodeJS.ProcessEnv): { pauseAt?: (step: string) => Promise<void> } {
  const at = env.BERTH_TEST_PAUSE_AT;
  if (at === undefined || at === '') return {};
  return {
    pauseAt: async (step) => {
      if (step !== at) return;
      process.stderr.write(`berth: test pause at ${step}\n`);
      await new Promise(() => {});
    },
  };
}
