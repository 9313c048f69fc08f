import { describe, expect, it } from 'vitest';
import { createFakeElectron } from '../test/fake-electron.ts';
import { forwardConsoleMessages, type Logger } from './logging.ts';

describe('forwardConsoleMessages', () => {
  it('sends renderer console output to the main log by level', () => {
    const window = createFakeElectron({ userData: '/u' }).api.createWindow({});
    const lines: string[] = [];
    const log: Logger = { debug: (m) => lines.push(`debug ${m}`), info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
    forwardConsoleMessages(window.webContents, log);
    const emit = (level: string, message: string) => {
      const listeners = (window as unknown as { listeners: Map<string, Array<(e: unknown) => void>> }).listeners.get('console-message') ?? [];
      for (const listener of listeners) listener({ level, message, sourceId: 'berth://app/assets/x.js', lineNumber: 3 });
    };
    emit('error', 'boom');
    emit('warning', 'hmm');
    emit('info', 'hello');
    emit('debug', 'noise');
    expect(lines).toEqual([
      'error [renderer] boom (berth://app/assets/x.js:3)',
      'warn [renderer] hmm (berth://app/assets/x.js:3)',
      'info [renderer] hello (berth://app/assets/x.js:3)',
      'debug [renderer] noise (berth://app/assets/x.js:3)',
    ]);
  });
});
