// `tessera serve`: the same handler table as the desktop app, as JSON over HTTP(S), plus a
// Server-Sent Events channel that pushes "data changed" so open pages refresh live. Who may do what
// is decided per request from its token (access/request-caller); writes are audited.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { contract, isMethodName } from '../../shared/api/contract';
import { apiFail, type ApiResult } from '../../shared/api/api-result';
import type { MethodName } from '../../shared/api/contract';
import { HEAVY_METHODS } from '../../shared/api/heavy-methods';
import type { PushEvent } from '../../shared/api/push-events';
import type { CoreClient } from '../core/host/core-client';
import type { PersonTokenRegistry } from './access/person-token-registry';
import { accessNeedsToken, callerOf, clientKeyOf, handlerContextOf, writeRefusal, type Caller, type ServerAccess } from './access/request-caller';
import { auditRecordOf, type AuditLog } from './audit-log';
import { ClientLimits, DEFAULT_CLIENT_LIMITS, type ClientLimitOptions, type LimitedResource } from './client-limits';
import { capConnections, defaultConnectionCap, overConnectionCap } from './connection-cap';
import { EventStreams } from './event-streams';
import { HEAVY_CALLS_PER_CLIENT, HEAVY_CALLS_WAITING_PER_CLIENT, HeavyCallGate } from './heavy-call-gate';
import { SharedAnswers, gzippedBody, type Answer } from './shared-answers';
import { RequestBodyError, parseJsonBody, readRequestBody } from './json-body';
import { LOGIN_PATH, LOGOUT_PATH, clearedTokenCookie, redirectTo, sendLoginPage, tokenCookie, tokenOfLoginForm } from './login-page';
import { TOKEN_COOKIE, hostHeaderAllowed, presentedToken } from './request-auth';
import { securityHeaders, serveStaticFile } from './static-files';

export interface HttpServerOptions {
  core: Pick<CoreClient, 'call' | 'onEvent'>;
  rendererDir: string;
  host: string;
  port: number;
  /** The shared token (--token): full access alone, the read-only room display beside --users. */
  token: string | null;
  /** Per-person tokens (--users): each request's person is the author of what it writes. */
  users?: PersonTokenRegistry | null;
  allowWrite: boolean;
  /** Writers' tokens may also change how the server is set up (its sources, keys). */
  allowSetup?: boolean;
  /** Where every call to a writing method is recorded. */
  audit?: AuditLog | null;
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: Buffer; key: Buffer } | null;
  limits?: ClientLimitOptions;
  /** Connections the whole server holds before answering 503; default from the descriptor limit. */
  maxConnections?: number;
  log: (message: string) => void;
}

/** What every request handler shares: the options and the state built from them. */
interface ServerState {
  options: HttpServerOptions;
  access: ServerAccess;
  limits: ClientLimits;
  /** Heavy calls (fits, bootstraps, searches) a client may have running and waiting. */
  gate: HeavyCallGate;
  answers: SharedAnswers;
  streams: EventStreams;
  secure: boolean;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function sendJson(response: ServerResponse, status: number, body: unknown, text = JSON.stringify(body)): void {
  response.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

async function handleApiCall(state: ServerState, caller: Caller, method: string, request: IncomingMessage, response: ServerResponse) {
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
  const writes = isMethodName(method) && contract[method].writes;
  const refusal = writes ? writeRefusal(caller, state.access, method) : null;
  if (refusal) {
    const result = apiFail('forbidden', `"${method}" writes, and ${refusal.charAt(0).toLowerCase()}${refusal.slice(1)}`);
    audit(state, caller, method, input, result, request);
    sendJson(response, 403, result);
    return;
  }
  // A client that leaves (closes the tab, times out) stops what it asked for: its heavy work is cancelled.
  const gone = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) gone.abort();
  });
  let release = () => {};
  if (HEAVY_METHODS.has(method as MethodName)) {
    // A person's token is the client; without one (a proxy in front, the shared token), the address is.
    const client = clientKeyOf(caller, request.socket.remoteAddress) ?? request.socket.remoteAddress ?? 'unknown';
    const turn = await state.gate.enter(client, gone.signal);
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
  // A shared answer is computed for everyone who asks it: one of them leaving does not cancel it.
  const signal = SharedAnswers.shares(method) ? {} : { signal: gone.signal };
  let answer: Answer;
  try {
    answer = await state.answers.answer(method, input, () => state.options.core.call(method, input, { ...handlerContextOf(caller, state.access), ...signal }));
  } finally {
    release();
  }
  if (writes) audit(state, caller, method, input, answer.result, request);
  if (gone.signal.aborted) return;
  sendAnswer(request, response, answer);
}

/** An API answer, gzipped for a client that accepts it (a runs table shrinks about 15-fold: less to encrypt and send). */
function sendAnswer(request: IncomingMessage, response: ServerResponse, answer: Answer): void {
  const status = answer.result.ok ? 200 : statusOf(answer.result.error.code);
  const gzipped = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')) ? gzippedBody(answer) : null;
  if (!gzipped) return sendJson(response, status, answer.result, answer.body);
  response.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Encoding': 'gzip',
    Vary: 'Accept-Encoding',
    'Cache-Control': 'no-store',
  });
  response.end(gzipped);
}

function audit(state: ServerState, caller: Caller, method: string, input: unknown, result: ApiResult<unknown>, request: IncomingMessage): void {
  const { audit: log } = state.options;
  if (!log) return;
  const record = auditRecordOf({
    caller,
    address: request.socket.remoteAddress,
    forwardedFor: request.headers['x-forwarded-for'],
    method,
    input,
    result,
    at: new Date(),
  });
  try {
    log.record(record);
  } catch (error) {
    // The write happened; the server's own log keeps the record the audit file could not take.
    state.options.log(`audit log ${log.file} cannot be written (${(error as Error).message}): ${JSON.stringify(record)}`);
  }
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

/** A slot of a per-client bound, or the 429 that says which bound was reached. */
function acquireOr429(state: ServerState, resource: LimitedResource, caller: Caller, request: IncomingMessage, response: ServerResponse) {
  const client = clientKeyOf(caller, request.socket.remoteAddress);
  if (client === null) return () => {};
  const release = state.limits.acquire(resource, client);
  if (!release) {
    response.setHeader('Retry-After', '5');
    sendJson(response, 429, apiFail('busy', state.limits.refusal(resource)));
  }
  return release;
}

/** The login form's post: a valid token becomes the cookie, anything else the form again with why. */
async function handleLogin(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const token = tokenOfLoginForm(await readRequestBody(request, 8192));
  if (token === null || callerOf(token, state.access) === null) {
    sendLoginPage(response, 401, token === null ? 'Paste your token first.' : 'That token is not valid here (mistyped, or revoked).');
    return;
  }
  redirectTo(response, './', tokenCookie(TOKEN_COOKIE, token, state.secure));
}

/** The login form's action, relative to where the page was asked for (the app can live under a proxy's path). */
function loginAction(pathname: string): string {
  return '../'.repeat(Math.max(0, pathname.split('/').length - 2)) + LOGIN_PATH.slice(1);
}

function routeRequest(state: ServerState, request: IncomingMessage, response: ServerResponse): void {
  const { options } = state;
  if (overConnectionCap(request)) {
    response.setHeader('Connection', 'close');
    response.setHeader('Retry-After', '10');
    sendJson(response, 503, apiFail('unavailable', 'The server has as many connections open as it takes; try again in a few seconds.'));
    return;
  }
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
  if (request.method === 'POST' && (url.pathname === LOGIN_PATH || url.pathname === LOGOUT_PATH)) {
    const done = url.pathname === LOGIN_PATH ? handleLogin(state, request, response) : Promise.resolve(redirectTo(response, './', clearedTokenCookie(TOKEN_COOKIE, state.secure)));
    done.catch((error: Error) => {
      if (!response.headersSent) sendJson(response, error instanceof RequestBodyError ? error.status : 400, apiFail('validation', error.message));
    });
    return;
  }
  const presented = presentedToken(request, url);
  const caller = callerOf(presented, state.access);
  if (!caller) {
    if (!url.pathname.startsWith('/api/') && (request.method === 'GET' || request.method === 'HEAD')) {
      sendLoginPage(response, 401, presented === null ? null : 'The token this browser holds is not valid here any more (revoked?): sign in again.', loginAction(url.pathname));
    } else {
      sendJson(response, 401, apiFail('unauthorized', 'This server needs a valid token: sign in on its page, or send "Authorization: Bearer <token>".'));
    }
    return;
  }
  const urlToken = url.searchParams.get('token');
  if (accessNeedsToken(state.access) && urlToken !== null && urlToken === presented && request.method === 'GET') {
    response.setHeader('Set-Cookie', tokenCookie(TOKEN_COOKIE, urlToken, state.secure));
  }
  if (url.pathname === '/api/events') {
    const release = acquireOr429(state, 'stream', caller, request, response);
    if (!release) return;
    state.streams.open(request, response, { stillValid: () => callerOf(presented, state.access) !== null, onClose: release });
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    const release = acquireOr429(state, 'call', caller, request, response);
    if (!release) return;
    void handleApiCall(state, caller, url.pathname.slice('/api/'.length), request, response)
      .catch((error: Error) => {
        options.log(`HTTP API error: ${error.stack ?? error.message}`);
        if (!response.headersSent) sendJson(response, 500, apiFail('internal', error.message));
      })
      .finally(release);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendJson(response, 405, apiFail('validation', `${request.method} is not allowed here.`));
    return;
  }
  serveStaticFile(options.rendererDir, url.pathname, response);
}

export function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const access: ServerAccess = { token: options.token, users: options.users ?? null, allowWrite: options.allowWrite, allowSetup: options.allowSetup === true };
  const answers = new SharedAnswers();
  // A "data changed" reaches the pages only once the answers they will ask again are computed anew
  // (at most 1.5 s later): their refetches, all at once, then find them ready.
  const pushListeners = new Set<(event: PushEvent) => void>();
  const relay = (event: PushEvent) => pushListeners.forEach((listener) => listener(event));
  const stopRelaying = options.core.onEvent((event) => {
    if (event.type !== 'data-changed') return relay(event);
    void answers
      .refresh(event, (method, input) => options.core.call(method, input, { transport: 'http', canWrite: false }))
      .catch((error: Error) => options.log(`refreshing shared answers failed: ${error.message}`))
      .finally(() => relay(event));
  });
  const state: ServerState = {
    options,
    access,
    limits: new ClientLimits(options.limits ?? DEFAULT_CLIENT_LIMITS),
    gate: new HeavyCallGate(),
    answers,
    streams: new EventStreams({
      onEvent: (listener) => {
        pushListeners.add(listener);
        return () => pushListeners.delete(listener);
      },
    }),
    secure: Boolean(options.tls),
  };
  // A revoked token's open push channels end as soon as the users file says so.
  const stopWatchingUsers = options.users?.onChange(() => {
    const ended = state.streams.endRevoked();
    if (ended > 0) options.log(`ended ${ended} live-update channel(s) whose token is no longer valid`);
  });
  options.users?.watch();
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    // One bad request must never take the server down for everyone else.
    try {
      routeRequest(state, request, response);
    } catch (error) {
      options.log(`HTTP error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) sendJson(response, 500, apiFail('internal', 'The server could not handle this request.'));
      else response.destroy();
    }
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handle) : http.createServer(handle);
  capConnections(server, options.maxConnections ?? defaultConnectionCap(), Boolean(options.tls));
  // Idle connections stay open a minute (as nginx's 75 s): people pause between pages, and a new TLS
  // handshake for every page view would cost more than the idle socket.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `${options.tls ? 'https' : 'http'}://${shownHost}:${address.port}/`,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            stopWatchingUsers?.();
            stopRelaying();
            options.users?.close();
            state.streams.close();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
