// The one page a request without a valid token can read: a form that takes a token, checks it, and
// keeps it in an HttpOnly cookie. Plain HTML with no script (its own CSP allows a form post to this
// origin and nothing else), so it works before the app's bundle may be loaded.
import type { ServerResponse } from 'node:http';
import { securityHeaders } from './static-files';

export const LOGIN_PATH = '/login';
export const LOGOUT_PATH = '/logout';
/** How long a browser keeps a signed-in token; revoking the token ends it sooner. */
const COOKIE_MAX_AGE_S = 30 * 24 * 3600;

const LOGIN_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function loginPageHtml(error: string | null, action = 'login'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Tessera</title>
<style>
  :root { color-scheme: light dark; --bg: #f6f7f9; --card: #fff; --text: #1b1f24; --muted: #5b6470; --line: #d5d9df; --accent: #2f5bd3; --danger: #b42318; }
  @media (prefers-color-scheme: dark) { :root { --bg: #111418; --card: #1a1f25; --text: #e6e9ed; --muted: #9aa4b0; --line: #333b45; --accent: #7aa2ff; --danger: #ff8a80; } }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text); font: 15px/1.5 system-ui, sans-serif; }
  main { width: min(420px, calc(100vw - 48px)); background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 28px 32px; }
  h1 { margin: 0 0 4px; font-size: 22px; }
  p { margin: 0 0 18px; color: var(--muted); }
  label { display: block; font-weight: 600; margin-bottom: 6px; }
  input { box-sizing: border-box; width: 100%; padding: 9px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--text); font: 14px ui-monospace, monospace; }
  button { margin-top: 16px; width: 100%; padding: 9px; border: 0; border-radius: 6px; background: var(--accent); color: #fff; font-weight: 600; font-size: 15px; cursor: pointer; }
  .error { color: var(--danger); margin: 12px 0 0; }
  code { font-size: 13px; }
</style>
</head>
<body>
<main>
  <h1>Tessera</h1>
  <p>This team server needs your personal token. Your admin makes one with <code>tessera token add YOUR-ID</code>.</p>
  <form method="post" action="${escapeHtml(action)}">
    <label for="token">Token</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
    ${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
    <button type="submit">Sign in</button>
  </form>
</main>
</body>
</html>
`;
}

export function sendLoginPage(response: ServerResponse, status: 200 | 401, error: string | null, action?: string): void {
  response.writeHead(status, {
    ...securityHeaders(),
    'Content-Security-Policy': LOGIN_CSP,
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(loginPageHtml(error, action));
}

/** The token of a submitted login form (`token=…`, form-encoded), or null. */
export function tokenOfLoginForm(body: string): string | null {
  const token = new URLSearchParams(body).get('token')?.trim();
  return token ? token : null;
}

export function tokenCookie(name: string, token: string, secure: boolean, maxAgeS: number = COOKIE_MAX_AGE_S): string {
  return `${name}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;
}

export function clearedTokenCookie(name: string, secure: boolean): string {
  return `${name}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** After a form post: see the app (or the login page again) with a GET. */
export function redirectTo(response: ServerResponse, location: string, cookie: string | null): void {
  response.writeHead(303, { ...securityHeaders(), Location: location, 'Cache-Control': 'no-store', ...(cookie ? { 'Set-Cookie': cookie } : {}) });
  response.end();
}
