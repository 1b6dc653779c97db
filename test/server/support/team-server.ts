// A team server as an admin sets one up, for the tests: a certificate made by openssl for 127.0.0.1,
// people's tokens made by the real `tessera token add`, and `serve --users` over HTTPS. The client
// checks the server's certificate against that one certificate, as a pinned self-signed one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { runCli, startServe, type ServeProcess } from '../../e2e/support/start-serve';

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  cert: Buffer;
}

/** A self-signed certificate for localhost and 127.0.0.1, valid for two days. */
export function makeTestCertificate(dir: string, commonName = 'localhost'): TestCertificate {
  const certFile = path.join(dir, `${commonName}-cert.pem`);
  const keyFile = path.join(dir, `${commonName}-key.pem`);
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2',
      '-subj', `/CN=${commonName}`, '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, cert: fs.readFileSync(certFile) };
}

/** A new token for a person of the store's team.yaml, through the CLI; returns the printed token. */
export async function addToken(usersFile: string, store: string, person: string, role: 'viewer' | 'writer'): Promise<{ token: string; id: string }> {
  const result = await runCli(['token', 'add', person, '--role', role, '--users', usersFile, '--store', store, '--json']);
  if (result.code !== 0) throw new Error(`token add ${person} failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as { token: string; id: string };
  return { token: parsed.token, id: parsed.id };
}

export interface JsonAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  raw: Buffer;
  json<T = { ok: boolean; value?: unknown; error?: { code: string; message: string } }>(): T;
}

/** One HTTP(S) request; `ca` is the only certificate an https:// server may present. */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; ca?: Buffer } = {},
): Promise<JsonAnswer> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      // A connection per request, closed after it: no idle keep-alive sockets counting against a server's bounds.
      { method: options.method ?? 'GET', headers: options.headers, agent: false, ...(options.ca ? { ca: options.ca } : {}) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, raw, json: () => JSON.parse(text) });
        });
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** An API call as the renderer and the desktop app make it, with a bearer token (or none). */
export function callAs(baseUrl: string, token: string | null, method: string, input: unknown, ca?: Buffer, headers: Record<string, string> = {}) {
  return request(new URL(`api/${method}`, baseUrl).toString(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(input),
    ca,
  });
}

export interface TeamServer {
  serve: ServeProcess;
  /** https://127.0.0.1:PORT/ */
  url: string;
  ca: Buffer;
  usersFile: string;
  auditLog: string;
  stop(): Promise<void>;
}

/** `serve --users` over HTTPS on 127.0.0.1 with its own data folder; extra flags after. With `syncedFor`
 * (a token), it resolves once the server's first sync is done, so the store's proposals are there. */
export async function startTeamServer(options: { store: string; usersFile: string; cert: TestCertificate; args?: string[]; home?: string; syncedFor?: string }): Promise<TeamServer> {
  const home = options.home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-team-home-'));
  const auditLog = path.join(home, 'audit.log');
  const serve = await startServe(
    ['--store', options.store, '--users', options.usersFile, '--tls-cert', options.cert.certFile, '--tls-key', options.cert.keyFile, '--audit-log', auditLog, ...(options.args ?? [])],
    { home },
  );
  const url = `https://127.0.0.1:${new URL(serve.url).port}/`;
  if (options.syncedFor) {
    await waitFor('the first sync of the team server', async () => {
      const answer = await callAs(url, options.syncedFor!, 'getAppInfo', {}, options.cert.cert);
      return answer.json<{ value?: { lastSyncAt: string | null } }>().value?.lastSyncAt;
    }, 60_000);
  }
  return { serve, url, ca: options.cert.cert, usersFile: options.usersFile, auditLog, stop: () => serve.stop() };
}

/** Every event file in the store, parsed. */
export function storeEvents(store: string): { id: string; author: string | null; type: string }[] {
  const dir = path.join(store, 'events');
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { id: string; author: string | null; type: string });
}

export function auditLines(file: string): Record<string, unknown>[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
