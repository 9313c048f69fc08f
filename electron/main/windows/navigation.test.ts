import { describe, expect, it } from 'vitest';
import { DASHBOARD_ORIGIN, resolveDashboardFile } from './dashboard-protocol.ts';
import { errorPageUrl } from './error-page.ts';
import { decideNavigation, originOf } from './navigation.ts';

const own = [DASHBOARD_ORIGIN, 'http://127.0.0.1:47800'];

describe('decideNavigation', () => {
  it.each([
    ['berth://app/index.html#/services', 'allow'],
    ['http://127.0.0.1:47800/notes/1', 'allow'],
    ['https://example.com/docs', 'open-external'],
    ['http://example.com/', 'open-external'],
    ['http://127.0.0.1:47801/', 'open-external'],
    ['https://user:pass@example.com/', 'deny'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['data:text/html,<script>1</script>', 'deny'],
    ['berth://other/index.html', 'deny'],
    ['mailto:someone@example.com', 'deny'],
    ['not a url', 'deny'],
  ])('%s → %s', (url, action) => {
    expect(decideNavigation(url, own).action).toBe(action);
  });

  it('opens the normalised URL externally', () => {
    expect(decideNavigation('HTTPS://Example.com/a b', own)).toEqual({ action: 'open-external', url: 'https://example.com/a%20b' });
  });

  it('computes origins', () => {
    expect(originOf('http://127.0.0.1:47800/x?y')).toBe('http://127.0.0.1:47800');
    expect(originOf('nope')).toBeNull();
  });
});

describe('resolveDashboardFile', () => {
  it.each([
    ['berth://app/', '/r/index.html'],
    ['berth://app/index.html#/x', '/r/index.html'],
    ['berth://app/assets/app.js', '/r/assets/app.js'],
    ['berth://app/../../etc/passwd', '/r/etc/passwd'],
    ['berth://app/%2e%2e/%2e%2e/etc/passwd', '/r/etc/passwd'],
    ['berth://app/..%2f..%2fetc/passwd', null],
    ['berth://app/assets%5c..%5c..%5c..%5cx', process.platform === 'win32' ? null : '/r/assets\\..\\..\\..\\x'],
    ['berth://app/a%00b', null],
    ['berth://evil/index.html', null],
    ['http://app/index.html', null],
  ])('%s → %s', (url, file) => {
    expect(resolveDashboardFile('/r', url)).toBe(file);
  });
});

describe('errorPageUrl', () => {
  it('escapes the message and names the log file', () => {
    const url = errorPageUrl({ appName: 'Notes', code: 'HANDSHAKE_TIMEOUT', message: '<script>x</script>', logFile: '/u/state/logs/desktop.log', logsDir: '/u/state/logs' });
    const html = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('/u/state/logs/desktop.log');
    expect(html).toContain("default-src 'none'");
  });
});
