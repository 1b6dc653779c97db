// Which token a request to `serve` carries (header, cookie, or once in the URL, which then sets the
// cookie), compared in constant time; access/request-caller decides what it allows. Without a token
// the server only binds to loopback, and the Host header is checked so a web page cannot reach it by
// DNS rebinding.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'tessera_token';

function digest(value: string): Buffer {
  return crypto.createHash('sha256').update(value, 'utf8').digest();
}

export function tokensEqual(given: string, expected: string): boolean {
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      // Malformed percent-encoding ("%E0%A4%A") is no token; decoding must not throw out of the request handler.
      return null;
    }
  }
  return null;
}

export function presentedToken(request: IncomingMessage, url: URL): string | null {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return url.searchParams.get('token') ?? cookieValue(request.headers.cookie, TOKEN_COOKIE);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
// A whole IPv4 literal in 127.0.0.0/8: a prefix test would let "127.0.0.1.evil.example", a name an
// attacker can point at 127.0.0.1, through the DNS-rebinding check below.
const IPV4_LOOPBACK = /^127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  return LOOPBACK_HOSTS.has(name) || IPV4_LOOPBACK.test(name);
}

/** On a loopback-only server, a request whose Host is not loopback came through DNS rebinding. */
export function hostHeaderAllowed(request: IncomingMessage, boundHost: string): boolean {
  if (!isLoopbackHost(boundHost)) return true;
  const header = request.headers.host ?? '';
  const hostname = header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0]!;
  return isLoopbackHost(hostname);
}
