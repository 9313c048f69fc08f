// The protocol handler behind `berth://app/`: reads files from dist/renderer with the CSP header.
import { readFile } from 'node:fs/promises';
import { DASHBOARD_CSP, contentTypeFor, resolveDashboardFile } from './dashboard-protocol.ts';

/** Builds the handler for `protocol.handle(DASHBOARD_SCHEME, …)`. */
export function createDashboardHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = resolveDashboardFile(rootDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: { 'content-type': contentTypeFor(file), 'content-security-policy': DASHBOARD_CSP, 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  };
}
