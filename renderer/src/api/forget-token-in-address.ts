// `tessera serve --token` prints a URL with `?token=…` once: the server answers that request with a
// cookie, so the token is not needed in the address any more. It is taken out of the address bar
// and out of this tab's history, so it is not shown on a shared screen or copied along with a link.
export function forgetTokenInAddress(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.toString());
}
