// The login URL (`/?token=…`) is exchanged for a cookie by the server on that first request;
// the token must not linger in the address bar, history or a bookmark, so drop it here too
// (in case the server answered with the page instead of a redirect).

/** Removes `token` from the page's query string without reloading. */
export function stripLoginToken(win: Window): void {
  const url = new URL(win.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
}
