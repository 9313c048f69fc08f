// The default name of a diagnostic report: berth-report-<app id>-<UTC time>.tar.gz. Pure.

/** `berth-report-dev.berth.notes-20261207T213012Z.tar.gz` for that app and time. */
export function reportFileName(appId: string, at: Date): string {
  const time = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `berth-report-${appId.replace(/[^A-Za-z0-9.-]/g, '_')}-${time}.tar.gz`;
}
