// The version baked in by the build (esbuild `define`); "dev" when run from source.
declare const BERTH_VERSION: string | undefined;

/** Berth's own version, shown by `berth --version`, /healthz and /status. */
export const VERSION: string = typeof BERTH_VERSION === 'string' ? BERTH_VERSION : 'dev';
