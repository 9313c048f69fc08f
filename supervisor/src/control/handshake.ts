// The desktop handshake: exactly one JSON line on stdout, `{"type":"control-ready",url,token,pid}`,
// which Electron main reads to learn where the API is and which token to use.
import { ControlReady } from './contract-core.ts';

/** The handshake line (with its newline); validated against the contract before it is printed. */
export function formatControlReady(fields: { url: string; token: string; pid: number }): string {
  const message = ControlReady.parse({ type: 'control-ready', url: fields.url, token: fields.token, pid: fields.pid });
  return `${JSON.stringify(message)}\n`;
}
