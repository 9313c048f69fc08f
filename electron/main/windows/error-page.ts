// The page shown when the supervisor cannot start (handshake timeout, crash loop): what happened,
// the error code, and the log file to look at. A self-contained data: URL with a no-script CSP.

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/** Builds the error page as a data: URL. */
export function errorPageUrl(input: { appName: string; code: string; message: string; logFile: string; logsDir: string }): string {
  const html = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(input.appName)} could not start</title>
<style>body{font:15px system-ui,sans-serif;margin:3em;color:#222}code{background:#f2f2f2;padding:2px 4px;border-radius:3px}h1{font-size:1.4em}</style>
</head><body>
<h1>${escapeHtml(input.appName)} could not start</h1>
<p>${escapeHtml(input.message)}</p>
<p>Error code: <code>${escapeHtml(input.code)}</code></p>
<p>Details are in the log file <code>${escapeHtml(input.logFile)}</code> (folder <code>${escapeHtml(input.logsDir)}</code>; the tray menu's “Open logs folder” opens it).</p>
<p>Quit from the tray menu and start the app again once the problem is fixed.</p>
</body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
