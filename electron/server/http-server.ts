// `tessera serve`: the same handler table as the desktop app, as JSON over HTTP, plus a
// Server-Sent Events channel that pushes "data changed" so open pages refresh live.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiFail, type ApiResult } from '../../shared/api/api-result';
import type { PushEvent } from '../../shared/api/push-events';
import type { MethodName } from '../../shared/api/contract';
import { HEAVY_METHODS } from '../../shared/api/heavy-methods';
import type { CoreClient } from '../core/host/core-client';
import { HEAVY_CALLS_PER_CLIENT, HEAVY_CALLS_WAITING_PER_CLIENT, HeavyCallGate } from './heavy-call-gate';
import { RequestBodyError, parseJsonBody, readRequestBody } from './json-body';
import { TOKEN_COOKIE, hostHeaderAllowed, isAuthorized } from './request-auth';
import { securityHeaders, serveStaticFile } from './static-files';

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

async function handleApiCall(options: HttpServerOptions, gate: HeavyCallGate, method: string, request: IncomingMessage, response: ServerResponse) {
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
    input = parseJsonBody(await readRequestBody(request));
  } catch (error) {
    // Anything else here is the request stream failing (the client went away): answered as before.
    const status = error instanceof RequestBodyError ? error.status : 400;
    sendJson(response, status, apiFail('validation', (error as Error).message));
    return;
  }
  // A client that leaves (closes the tab, times out) stops what it asked for: its heavy work is cancelled.
  const gone = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) gone.abort();
  });
  let release = () => {};
  if (HEAVY_METHODS.has(method as MethodName)) {
    const turn = await gate.enter(request.socket.remoteAddress ?? 'unknown', gone.signal);
    if (!turn.admitted) {
      if (turn.reason === 'busy') {
        sendJson(response, 429, apiFail('busy', `This client already has ${HEAVY_CALLS_PER_CLIENT} heavy calls (fits, bootstraps, searches) running and ${HEAVY_CALLS_WAITING_PER_CLIENT} waiting; wait for them to finish.`));
      }
      return;
    }
    release = turn.release;
    // Its turn may come in the moment the client leaves, before the close is seen here.
    if (gone.signal.aborted) return release();
  }
  let result: ApiResult<unknown>;
  try {
    result = await options.core.call(method, input, { transport: 'http', canWrite: options.allowWrite, signal: gone.signal });
  } finally {
    release();
  }
  if (gone.signal.aborted) return;
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
    case 'busy':
      return 429;
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

function routeRequest(options: HttpServerOptions, gate: HeavyCallGate, request: IncomingMessage, response: ServerResponse): void {
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://localhost');
  } catch {
    // A request target such as "//[" is no URL at all.
    sendJson(response, 400, apiFail('validation', 'The request target is not a valid path.'));
    return;
  }
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
    void handleApiCall(options, gate, url.pathname.slice('/api/'.length), request, response).catch((error: Error) => {
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
}

export function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const gate = new HeavyCallGate();
  const server = http.createServer((request, response) => {
    // One bad request must never take the server down for everyone else.
    try {
      routeRequest(options, gate, request, response);
    } catch (error) {
      options.log(`HTTP error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) sendJson(response, 500, apiFail('internal', 'The server could not handle this request.'));
      else response.destroy();
    }
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
