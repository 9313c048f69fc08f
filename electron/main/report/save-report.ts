// The tray's "Save diagnostic report…": the supervisor builds the report (it alone knows every
// secret to redact, prompted ones too) through GET /report; the person picks where it goes.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ControlClient } from '../../../supervisor/src/control/client/index.ts';
import type { ElectronApi } from '../electron-api.ts';

/** Asks the supervisor for its report and saves it where the person chooses; the path, or null when cancelled. */
export async function saveReport(client: Pick<ControlClient, 'report'>, electron: Pick<ElectronApi, 'app' | 'dialog'>): Promise<string | null> {
  const report = await client.report();
  const name = report.fileName ?? 'berth-report.tar.gz';
  const choice = await electron.dialog.showSaveDialog({
    title: 'Save diagnostic report',
    defaultPath: path.join(electron.app.getPath('downloads'), name),
    filters: [{ name: 'Diagnostic report', extensions: ['tar.gz', 'gz'] }],
  });
  if (choice.canceled || choice.filePath === undefined) return null;
  await writeFile(choice.filePath, report.bytes, { mode: 0o600 });
  return choice.filePath;
}
