import { expect, it } from 'vitest';
import { runCommand } from './run-command.ts';

it('hands back the exit code and output of a real tool, with stdin closed; a missing tool reads as code null', async () => {
  expect(await runCommand(process.execPath, ['-e', 'process.stdin.resume().on("end", () => { console.log("stdin ended"); console.error("e"); process.exit(3) })'])).toEqual({ code: 3, stdout: 'stdin ended\n', stderr: 'e\n' });
  const missing = await runCommand('/nonexistent/berth-no-such-tool', []);
  expect(missing.code).toBeNull();
  expect(missing.stderr).toMatch(/ENOENT/);
});
