// Every Windows command line Berth builds, checked exactly (none can run here).
import { describe, expect, it } from 'vitest';
import { PROCESS_TABLE_SCRIPT } from './process-table.ts';
import { powershellArgs, powershellLiteral, powershellPath, taskkillArgs, windowsToolPath } from './windows-commands.ts';

describe('windowsToolPath', () => {
  it('names each tool by its full path under %SystemRoot%\\System32, never a bare name', () => {
    expect(windowsToolPath('taskkill.exe', { SystemRoot: 'C:\\Windows' })).toBe('C:\\Windows\\System32\\taskkill.exe');
    expect(windowsToolPath('icacls.exe', { SYSTEMROOT: 'D:\\WINNT\\' })).toBe('D:\\WINNT\\System32\\icacls.exe');
    expect(windowsToolPath('whoami.exe', {})).toBe('C:\\Windows\\System32\\whoami.exe');
    expect(powershellPath({ SystemRoot: 'C:\\Windows' })).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });
});

describe('taskkillArgs', () => {
  it('asks a tree to close (/T), or terminates it (/T /F); several pids in one call', () => {
    expect(taskkillArgs([4242], false)).toEqual(['/PID', '4242', '/T']);
    expect(taskkillArgs([4242], true)).toEqual(['/PID', '4242', '/T', '/F']);
    expect(taskkillArgs([1230, 1241, 1253], true)).toEqual(['/PID', '1230', '/PID', '1241', '/PID', '1253', '/T', '/F']);
  });
});

describe('powershellArgs', () => {
  it('runs the script without logo, profile or prompt, encoded as base64 of UTF-16LE', () => {
    expect(powershellArgs('Write-Output 1')).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', 'VwByAGkAdABlAC0ATwB1AHQAcAB1AHQAIAAxAA==']);
    const args = powershellArgs(PROCESS_TABLE_SCRIPT);
    expect(Buffer.from(args[4] ?? '', 'base64').toString('utf16le')).toBe('Get-CimInstance -ClassName Win32_Process | Select-Object ProcessId, ParentProcessId, CreationDate | ConvertTo-Json -Compress');
  });

  it('quotes a literal the PowerShell way: single quotes, a quote inside doubled', () => {
    expect(powershellLiteral("C:\\Users\\o'brien\\cache")).toBe("'C:\\Users\\o''brien\\cache'");
  });
});
