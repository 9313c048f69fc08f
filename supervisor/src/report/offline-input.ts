// What `berth report` puts in a report when no supervisor runs: the manifest found the way
// `berth run` finds it (when there is one), the last known state, a pre-flight of what can be
// checked without a supervisor (programs, fixed ports, the state dir; secrets are not: prompted
// values live only in a running supervisor), and the offline redactor.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { runPreflight } from '../control/preflight.ts';
import { loadManifest, type LoadedManifest } from '../manifest/index.ts';
import { offlineTemplateValues, resolveLaunch } from '../templates/resolve-launch.ts';
import type { ReportInput } from './collect-report.ts';
import { lastKnownState, offlineRedactor } from './offline-report.ts';

/** The offline report's input and the app id to name it by. */
export async function offlineReportInput(stateDir: string, bundlePath: string | null, env: Readonly<Record<string, string | undefined>>, lines: number): Promise<{ input: ReportInput; appId: string }> {
  const loaded: LoadedManifest | null = bundlePath !== null && existsSync(bundlePath) ? await loadManifest(bundlePath).catch(() => null) : null;
  const manifest = loaded?.manifest ?? null;
  const redactor = await offlineRedactor(stateDir, manifest, env);
  let preflight: unknown = { note: 'no bundle.json found: pass --bundle to check its programs and ports' };
  if (loaded !== null) {
    const values = offlineTemplateValues(loaded.manifest, loaded.bundleDir, stateDir);
    const checked = await runPreflight({
      manifest: loaded.manifest,
      bundleDir: loaded.bundleDir,
      stateDir,
      secrets: { missingFor: () => [] },
      resolveCommand: (_service, spec) => resolveLaunch(spec, values),
      env,
    });
    preflight = { ...checked, note: 'checked without a supervisor: secrets were not checked (prompted values live only in a running supervisor)' };
  }
  return {
    input: { stateDir, manifestPath: loaded?.path ?? null, state: await lastKnownState(stateDir), preflight, redact: (text) => redactor.redact(text), lines },
    appId: manifest?.app.id ?? basename(stateDir),
  };
}
