// The zod plugin shared by the supervisor's and the example services' builds.
import { dirname } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * zod's `z` namespace re-exports every one of its ~50 message locales (`z.locales`), so a bundle
 * that uses `z.object(…)` carries all of them: 300 KB of the supervisor's 840 KB bundle, read and
 * set up at every start (the supervisor's, and each example service's). Berth speaks English
 * (zod's default, configured by zod itself from locales/en.js), so the locales index resolves to
 * English alone.
 */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: `${dirname(args.importer)}/../locales/index.js`, namespace: 'zod-english-only' };
    });
    plugin.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({ contents: "export { default as en } from './en.js';", resolveDir: dirname(args.path), loader: 'js' }));
  },
};

