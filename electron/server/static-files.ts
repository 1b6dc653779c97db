// Serves the built renderer with the same strict Content-Security-Policy as the desktop window.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

export function serveStaticFile(rendererDir: string, urlPath: string, response: ServerResponse): void {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath).replace(/^\/+/, '');
  } catch {
    response.writeHead(400, securityHeaders()).end('Bad path');
    return;
  }
  const root = path.resolve(rendererDir);
  let file = path.resolve(root, relative || 'index.html');
  if (file !== root && !file.startsWith(root + path.sep)) {
    response.writeHead(404, securityHeaders()).end('Not found');
    return;
  }
  // Client-side routes (no file extension) get the app shell.
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (path.extname(file)) {
      response.writeHead(404, securityHeaders()).end('Not found');
      return;
    }
    file = path.join(root, 'index.html');
  }
  const type = MIME[path.extname(file)] ?? 'application/octet-stream';
  const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable';
  response.writeHead(200, { ...securityHeaders(), 'Content-Type': type, 'Cache-Control': cache });
  const stream = fs.createReadStream(file);
  // A file that cannot be read after all (removed by a rebuild under a running server, an I/O error)
  // ends this response; unhandled, the stream's error would take the whole server down.
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}
