// `tessera serve`: the same handler table as the desktop app, as JSON over HTTP, plus a
// Server-Sent Events channel that pushes "data changed" so open pages refresh live.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiFail, type ApiResult } from '../../shared/api/api-result';
import type { PushEvent } from '../../shared/api/push-events';
import type { CoreClient } from '../core/host/core-client';
import { TOKEN_COOKIE, hostHeaderAllowed, isAuthorized } from './request-auth';
import { securityHeaders, serveStaticFile } from './static-files';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HttpServerOptions {
  core: Pick<CoreClient, 'call' | 'onEvent'>;
  rendererDir: string;
  host: string;
  port: number;
  token: string | null;
  allowWrite: boolean;
  log: (message: string) => void;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`The request body is over ${MAX_BODY_BYTES} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function handleApiCall(options: HttpServerOptions, method: string, request: IncomingMessage, response: ServerResponse) {
  if (request.method !== 'POST') {
    sendJson(response, 405, apiFail('validation', 'API methods are called with POST and a JSON body.'));
    return;
  }
  // A JSON content type forces a CORS preflight, which this server never grants: no cross-site calls.
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    sendJson(response, 415, apiFail('validation', 'The request body must be JSON (Content-Type: application/json).'));
    return;
  }
  let input: unknown;
  try {
    const body = await readBody(request);
    input = body.length === 0 ? {} : JSON.parse(body);
  } catch (error) {
    sendJson(response, 400, apiFail('validation', `The request body is not valid JSON: ${(error as Error).message}`));
    return;
  }
  const result: ApiResult<unknown> = await options.core.call(method, input, {
    transport: 'http',
    canWrite: options.allowWrite,
  });
  const status = result.ok ? 200 : statusOf(result.error.code);
  sendJson(response, status, result);
}

function statusOf(code: string): number {
  switch (code) {
    case 'validation':
      return 400;
    case 'unknown-method':
    case 'not-found':
      return 404;
    case 'forbidden':
      return 403;
    case 'conflict':
      return 409;
    case 'unavailable':
      return 503;
    default:
      return 500;
  }
}

function openEventStream(options: HttpServerOptions, request: IncomingMessage, response: ServerResponse) {
  response.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  const send = (event: PushEvent) => response.write(`data: ${JSON.stringify(event)}\n\n`);
  const unsubscribe = options.core.onEvent(send);
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), 15_000);
  request.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

export function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!hostHeaderAllowed(request, options.host)) {
      sendJson(response, 421, apiFail('forbidden', 'This server only answers requests addressed to localhost.'));
      return;
    }
    if (!isAuthorized(request, url, options.token)) {
      sendJson(response, 401, apiFail('unauthorized', 'This server needs its token: open the URL it printed, or send "Authorization: Bearer <token>".'));
      return;
    }
    if (options.token !== null && url.searchParams.get('token') !== null && request.method === 'GET') {
      response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(options.token)}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (url.pathname === '/api/events') {
      openEventStream(options, request, response);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      void handleApiCall(options, url.pathname.slice('/api/'.length), request, response).catch((error: Error) => {
        options.log(`HTTP API error: ${error.stack ?? error.message}`);
        if (!response.headersSent) sendJson(response, 500, apiFail('internal', error.message));
      });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, apiFail('validation', `${request.method} is not allowed here.`));
      return;
    }
    serveStaticFile(options.rendererDir, url.pathname, response);
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}/`,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
