// `tessera serve` against clients that misbehave: wrong and malformed tokens, foreign Host headers,
// bodies over the limit, bodies that never finish, request targets and files that are not what they seem. Each must be
// answered (or dropped) without taking the server down or holding up anyone else.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreService, type CoreService } from '../../electron/core/host/core-service';
import { startHttpServer, type RunningHttpServer } from '../../electron/server/http-server';
import { nestsDeeperThan } from '../../electron/core/store/bounded-json';
import { MAX_BODY_BYTES, parseJsonBody } from '../../electron/server/json-body';
import { isLoopbackHost, tokensEqual } from '../../electron/server/request-auth';
import { callApi, repoRoot, startServe, type ServeProcess } from '../e2e/support/start-serve';

function emptyStore(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-store-'));
  fs.writeFileSync(path.join(dir, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Fixture lab' }));
  return dir;
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

/** Sends raw bytes and resolves with the status line of the answer ('' if the connection closed without one). */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

/** A connection that sends its headers and part of its body, then goes quiet. */
function stalledUpload(port: number, declared: number, sent: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `POST /api/getAppInfo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n` + '{'.padEnd(sent, ' '),
        () => resolve(socket),
      );
    });
    socket.on('error', reject);
  });
}

/** A connection that never finishes its headers. */
function stalledHeaders(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('POST /api/getAppInfo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', () => resolve(socket)));
    socket.on('error', reject);
  });
}

async function postBody(baseUrl: string, method: string, body: string) {
  const response = await fetch(new URL(`api/${method}`, baseUrl), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  return { status: response.status, body: (await response.json()) as { ok: boolean; error?: { code: string; message: string } } };
}

describe('tokensEqual', () => {
  it('accepts exactly the token and nothing else', () => {
    expect(tokensEqual('meeting-room-7', 'meeting-room-7')).toBe(true);
    expect(tokensEqual('meeting-room-8', 'meeting-room-7')).toBe(false);
    expect(tokensEqual('Meeting-room-7', 'meeting-room-7')).toBe(false);
    expect(tokensEqual('meeting-room-7 ', 'meeting-room-7')).toBe(false);
  });

  it('refuses prefixes, extensions and the empty string without throwing on the length difference', () => {
    expect(tokensEqual('meeting-room', 'meeting-room-7')).toBe(false);
    expect(tokensEqual('meeting-room-77', 'meeting-room-7')).toBe(false);
    expect(tokensEqual('', 'meeting-room-7')).toBe(false);
    expect(tokensEqual('x'.repeat(1_000_000), 'meeting-room-7')).toBe(false);
  });

  it('compares the exact characters: unicode must match byte for byte', () => {
    expect(tokensEqual('café-écran-1', 'café-écran-1')).toBe(true);
    expect(tokensEqual('cafe\u0301-écran-1', 'café-écran-1')).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback names and whole 127.0.0.0/8 literals', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '127.255.255.255', 'localhost', 'LOCALHOST', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
  });

  it('refuses names that only start like one, which an attacker can point at 127.0.0.1', () => {
    for (const host of ['127.0.0.1.evil.example', '127.evil.example', '127.0.0.256', '127.0.0', '1127.0.0.1', 'localhost.evil.example', 'evil-localhost', '0.0.0.0', '10.0.0.1', '[::2]', '']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('reading an API body', () => {
  it('counts nesting of the value, so brackets inside strings do not count', () => {
    const depthOver = (text: string, max: number) => nestsDeeperThan(JSON.parse(text), max);
    expect([depthOver('{"a":[1,{"b":[]}]}', 3), depthOver('{"a":[1,{"b":[]}]}', 4)]).toEqual([true, false]);
    expect(depthOver('"[[[[{{{{"', 0)).toBe(false);
    expect([depthOver('{"a":"\\"[[[","b":[]}', 1), depthOver('{"a":"\\"[[[","b":[]}', 2)]).toEqual([true, false]);
    expect(depthOver(`[${'[],'.repeat(1000)}[]]`, 2)).toBe(false);
    expect(parseJsonBody(JSON.stringify({ q: '['.repeat(100) }))).toEqual({ q: '['.repeat(100) });
  });

  it('refuses nesting past the limit with a message that says so', () => {
    expect(() => parseJsonBody('['.repeat(65) + ']'.repeat(65))).toThrow(/nests deeper than 64 levels/);
    expect(parseJsonBody('['.repeat(64) + ']'.repeat(64))).toBeInstanceOf(Array);
    expect(parseJsonBody('')).toEqual({});
    expect(() => parseJsonBody('{"limit": 1')).toThrow(/not valid JSON/);
  });
});

describe('serve with a token, against malformed requests', () => {
  let serve: ServeProcess;
  let port: number;
  beforeAll(async () => {
    serve = await startServe(['--host', '0.0.0.0', '--insecure-http', '--token', 'meeting-room-7', '--store', emptyStore(), '--no-watch']);
    port = portOf(serve.url);
  });
  afterAll(() => serve.stop());

  const stillServing = async () => {
    const ok = await callApi(`http://127.0.0.1:${port}/`, 'getAppInfo', {}, { Authorization: 'Bearer meeting-room-7' });
    expect(ok.status).toBe(200);
    expect(serve.child.exitCode).toBeNull();
  };

  it('answers a cookie with broken percent-encoding with 401, and keeps serving', async () => {
    for (const cookie of ['tessera_token=%E0%A4%A', 'tessera_token=%', 'tessera_token=%zz; other=1', 'a=%E0; tessera_token=%E0%A4%A']) {
      const status = await rawRequest(port, `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
      expect(status, cookie).toBe('HTTP/1.1 401 Unauthorized');
    }
    await stillServing();
  });

  it('accepts the token in a percent-encoded cookie, as the server itself sets it', async () => {
    const status = await rawRequest(port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: tessera_token=meeting%2Droom%2D7\r\nConnection: close\r\n\r\n');
    expect(status).toBe('HTTP/1.1 200 OK');
  });

  it('answers request targets that are no URL with 400, before and without the token, and keeps serving', async () => {
    for (const target of ['//[', 'http://[/', 'http://a:b/', 'http://%zz/']) {
      const status = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(status, target).toMatch(/^HTTP\/1\.1 400 /);
    }
    await stillServing();
  });
});

describe('serve against oversized and unfinished bodies', () => {
  let serve: ServeProcess;
  let port: number;
  beforeAll(async () => {
    serve = await startServe(['--store', emptyStore(), '--no-watch']);
    port = portOf(serve.url);
  });
  afterAll(() => serve.stop());

  it(`answers a body over ${MAX_BODY_BYTES} bytes with 413, and keeps serving`, async () => {
    for (const size of [MAX_BODY_BYTES + 1, 6 * 1024 * 1024, 64 * 1024 * 1024]) {
      const answer = await postBody(serve.url, 'listSyncIssues', `"${'x'.repeat(size - 2)}"`);
      expect(answer.status, `${size} bytes`).toBe(413);
      expect(answer.body.error).toMatchObject({ code: 'validation', message: `The request body is over ${MAX_BODY_BYTES} bytes.` });
    }
    const atLimit = await postBody(serve.url, 'listSyncIssues', `"${'x'.repeat(MAX_BODY_BYTES - 2)}"`);
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.error!.message).toMatch(/Invalid input for "listSyncIssues"/);
    expect((await callApi(serve.url, 'getCacheCounts', {})).status).toBe(200);
  });

  it('keeps answering other clients while uploads and headers stall half-way', async () => {
    const stalled = await Promise.all([
      ...Array.from({ length: 20 }, () => stalledUpload(port, 1000, 10)),
      ...Array.from({ length: 20 }, () => stalledHeaders(port)),
    ]);
    try {
      const answers = await Promise.all(Array.from({ length: 30 }, () => callApi(serve.url, 'getAppInfo', {})));
      expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
      const page = await fetch(serve.url);
      expect(page.status).toBe(200);
    } finally {
      for (const socket of stalled) socket.destroy();
    }
    expect((await callApi(serve.url, 'getCacheCounts', {})).status).toBe(200);
    expect(serve.child.exitCode).toBeNull();
  });

  it('answers a body cut off by a client that goes away, and keeps serving', async () => {
    const sockets = await Promise.all(Array.from({ length: 10 }, () => stalledUpload(port, 5000, 100)));
    for (const socket of sockets) socket.destroy();
    expect((await callApi(serve.url, 'getCacheCounts', {})).status).toBe(200);
    expect(serve.child.exitCode).toBeNull();
  });
});

describe('the HTTP server in-process, as serve runs it', () => {
  let dir: string;
  let core: CoreService;
  let server: RunningHttpServer;
  const logged: string[] = [];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-static-'));
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
    // Looks like a file to stat, fails with EIO on read: a file that breaks under a running server.
    fs.symlinkSync('/proc/self/mem', path.join(rendererDir, 'broken.js'));
    core = createCoreService({
      dbFile: path.join(dir, 'cache.sqlite'),
      storeUrl: emptyStore(),
      isDemo: false,
      migrationsDir: path.join(repoRoot, 'migrations'),
      settingsFile: path.join(dir, 'settings.json'),
      outboxDir: path.join(dir, 'outbox'),
      watch: false,
      version: '0.0.0-test',
      workerDir: path.join(repoRoot, 'dist', 'core'),
      log: () => {},
    });
    server = await startHttpServer({ core, rendererDir, host: '127.0.0.1', port: 0, token: null, allowWrite: false, log: (m) => logged.push(m) });
  });
  afterAll(async () => {
    await server?.close();
    await core?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a foreign Host header on loopback with 421 (DNS rebinding), sent raw because fetch cannot set Host', async () => {
    for (const host of ['evil.example', 'evil.example:80', '127.0.0.1.evil.example', '127.evil.example', '127.0.0.256', 'localhost.evil.example', '[::2]']) {
      const status = await rawRequest(server.port, `POST /api/getAppInfo HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
      expect(status, host).toBe('HTTP/1.1 421 Misdirected Request');
    }
    const ours = await rawRequest(server.port, `POST /api/getAppInfo HTTP/1.1\r\nHost: localhost:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(ours).toBe('HTTP/1.1 200 OK');
  });

  it('drops the response of a file that cannot be read, and keeps serving the rest', async () => {
    const broken = await fetch(new URL('broken.js', server.url)).then(
      (response) => response.text().then(() => 'complete', () => 'cut off'),
      () => 'cut off',
    );
    expect(broken).toBe('cut off');
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });
});
