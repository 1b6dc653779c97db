// The desktop app's core when it works on a team server: the same CoreClient the local core worker
// is, but every call is an HTTPS request with the person's token and the push channel is the
// server's event stream (reconnected with back-off; a reconnect asks every view to refetch, since
// pushes may have been missed). A pinned certificate must be exactly the one presented; anything else
// fails before a byte of the request, token included, is sent.
import http from 'node:http';
import https from 'node:https';
import type { PeerCertificate } from 'node:tls';
import zlib from 'node:zlib';
import { apiFail, type ApiResult } from '../../shared/api/api-result';
import { eventStreamParser } from '../../shared/api/event-stream-parser';
import type { PushEvent } from '../../shared/api/push-events';
import type { CoreClient } from '../core/host/core-client';
import { isLoopbackHost } from '../server/request-auth';

export interface TeamServerClientOptions {
  /** The server's base URL, e.g. https://tessera.lab.example:4777/ */
  url: URL;
  token: string;
  /** A person-trusted self-signed certificate: the only one accepted. Absent: the system's authorities decide. */
  pinned?: { pem: string; fingerprint: string };
  log?: (message: string) => void;
  /** Longest wait between reconnections of the push channel. */
  maxBackoffMs?: number;
}

export class CertificateChangedError extends Error {
  constructor(origin: string, expected: string, got: string | null) {
    super(
      `${origin} presented a different certificate${got ? ` (fingerprint ${got})` : ''} from the one you trusted (${expected}). ` +
        'If its admins renewed it, connect again and confirm the new fingerprint; otherwise do not: someone may be in between.',
    );
    this.name = 'CertificateChangedError';
  }
}

const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/** Plain HTTP only to this machine: a token must not cross a network in the clear. */
export function checkTeamServerUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `https://${text}`);
  } catch {
    throw new Error(`"${text}" is not a server address: expected https://host[:port]/.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`"${text}": a team server is reached over https://.`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new Error(`${url.origin} is plain HTTP: your token would cross the network in the clear. Use its https:// address.`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

export interface TeamServerClient extends CoreClient {
  readonly url: URL;
}

export function createTeamServerClient(options: TeamServerClientOptions): TeamServerClient {
  const { url, token, pinned } = options;
  const log = options.log ?? (() => {});
  const secure = url.protocol === 'https:';
  let certificateProblem: CertificateChangedError | null = null;
  const agentOptions: https.AgentOptions = { keepAlive: true, maxSockets: 6 };
  if (pinned) {
    agentOptions.ca = [pinned.pem];
    // The pin is the fingerprint: a self-signed certificate need not name the host it is reached by.
    agentOptions.checkServerIdentity = (_host: string, cert: PeerCertificate) => {
      if (cert.fingerprint256 === pinned.fingerprint) return undefined;
      certificateProblem = new CertificateChangedError(url.origin, pinned.fingerprint, cert.fingerprint256);
      return certificateProblem;
    };
  }
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent({ keepAlive: true, maxSockets: 6 });
  const send = (path: string, init: { method: string; body?: string; headers?: Record<string, string> }, onResponse: (response: http.IncomingMessage) => void) => {
    const target = new URL(path, url);
    const request = (secure ? https : http).request(target, { method: init.method, agent, headers: { Authorization: `Bearer ${token}`, ...init.headers } }, onResponse);
    request.end(init.body);
    return request;
  };

  /** Why a request never got an answer, said so a person knows what to do. */
  const connectFailure = (error: NodeJS.ErrnoException): ApiResult<never> => {
    if (certificateProblem) return apiFail('forbidden', certificateProblem.message);
    if (CERTIFICATE_ERROR.test(String(error.code))) {
      return pinned
        ? apiFail('forbidden', new CertificateChangedError(url.origin, pinned.fingerprint, null).message)
        : apiFail('forbidden', `${url.origin}'s certificate is not trusted (${error.code}): connect again to check and confirm its fingerprint.`);
    }
    return apiFail('unavailable', `Cannot reach the team server ${url.origin}: ${error.message}`);
  };

  const listeners = new Set<(event: PushEvent) => void>();
  let stream: http.ClientRequest | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let backoffMs = 1000;
  let closed = false;
  const emit = (event: PushEvent) => {
    for (const listener of listeners) listener(event);
  };

  const connectStream = (isReconnect: boolean) => {
    if (closed || listeners.size === 0) return;
    stream = send('api/events', { method: 'GET', headers: { Accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        log(`team server push channel answered ${response.statusCode}`);
        scheduleReconnect();
        return;
      }
      backoffMs = 1000;
      // Pushes may have been missed while the channel was down: every view refetches.
      if (isReconnect) emit({ type: 'data-changed', scopes: ['runs', 'metrics', 'ablations', 'proposals', 'team', 'events', 'issues', 'settings'], at: new Date().toISOString() });
      response.setEncoding('utf8');
      response.on(
        'data',
        eventStreamParser((data) => {
          try {
            emit(JSON.parse(data) as PushEvent);
          } catch {
            log('team server sent a push that is not JSON; ignored');
          }
        }),
      );
      response.on('close', scheduleReconnect);
    });
    stream.on('error', (error) => {
      log(`team server push channel: ${error.message}`);
      scheduleReconnect();
    });
  };
  const scheduleReconnect = () => {
    stream = null;
    if (closed || reconnectTimer || listeners.size === 0) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connectStream(true);
    }, backoffMs);
    backoffMs = Math.min(backoffMs * 2, options.maxBackoffMs ?? 30_000);
  };

  return {
    url,
    call(method, input) {
      if (closed) return Promise.resolve(apiFail('unavailable', 'The connection to the team server is closed.'));
      return new Promise<ApiResult<unknown>>((resolve) => {
        const headers = { 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip' };
        const request = send(`api/${encodeURIComponent(method)}`, { method: 'POST', body: JSON.stringify(input ?? {}), headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const raw = Buffer.concat(chunks);
            const text = (response.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw).toString('utf8');
            try {
              const result = JSON.parse(text) as ApiResult<unknown>;
              if (response.statusCode === 401 && !result.ok) {
                resolve(apiFail('unauthorized', `${url.origin} does not accept this token (mistyped, revoked or replaced): connect again with a valid one.`));
              } else resolve(result);
            } catch {
              resolve(apiFail('unavailable', `${url.origin} answered ${response.statusCode} with something that is not the API's JSON.`));
            }
          });
          response.on('error', (error) => resolve(apiFail('unavailable', `${url.origin}: ${error.message}`)));
        });
        request.on('error', (error) => resolve(connectFailure(error)));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!stream && !reconnectTimer) connectStream(false);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stream?.destroy();
      };
    },
    async close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      stream?.destroy();
      agent.destroy();
    },
  };
}
