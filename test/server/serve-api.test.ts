// `tessera serve` as a user and a hostile page would meet it: validation errors that keep the
// server up, read-only by default, loopback unless a token guards it.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import { callApi, runCli, startServe, type ServeProcess } from '../e2e/support/start-serve';

function emptyStore(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-store-'));
  fs.writeFileSync(path.join(dir, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Fixture lab' }));
  return dir;
}

describe('serve on loopback, read-only', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe(['--store', emptyStore(), '--no-watch']);
  });
  afterAll(() => serve.stop());

  it('answers a valid call with {ok: true}', async () => {
    const { status, body } = await callApi(serve.url, 'getAppInfo', {});
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.value).toMatchObject({ canWrite: false, transport: 'http', isDemo: false });
  });

  it('rejects malformed input for every method with a validation error, and keeps serving', async () => {
    const bad = [{ unexpected: 1 }, [], 'not json at all', { limit: 'many' }];
    for (const method of Object.keys(contract)) {
      for (const input of bad) {
        const { status, body } = await callApi(serve.url, method, input);
        expect(body.ok, `${method} accepted ${JSON.stringify(input)}`).toBe(false);
        // Write methods are refused before validation on a read-only server.
        expect(['validation', 'forbidden']).toContain(body.error!.code);
        expect([400, 403]).toContain(status);
      }
    }
    const again = await callApi(serve.url, 'getCacheCounts', {});
    expect(again.body.ok).toBe(true);
  });

  it('names the unknown method and refuses writes without --allow-write', async () => {
    const unknown = await callApi(serve.url, 'dropAllTables', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error!.message).toContain('dropAllTables');
    const write = await callApi(serve.url, 'syncNow', {});
    expect(write.status).toBe(403);
    expect(write.body.error!.message).toMatch(/--allow-write/);
  });

  it('refuses non-JSON bodies (no cross-site simple requests) and foreign Host headers', async () => {
    const form = await fetch(new URL('api/getAppInfo', serve.url), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    // fetch() will not send a foreign Host header, so this goes through node:http as a rebinding page would.
    const url = new URL('api/getAppInfo', serve.url);
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': 'application/json', Host: 'evil.example' } },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end('{}');
    });
    expect(status).toBe(421);
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const page = await fetch(serve.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
  });
});

describe('serve beyond loopback', () => {
  it('exits with a one-line error for --host 0.0.0.0 without --token', async () => {
    const result = await runCli(['serve', '--host', '0.0.0.0', '--store', emptyStore()]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--token/);
  });

  it('with a token, refuses requests that lack it (401) and accepts those that carry it', async () => {
    const serve = await startServe(['--host', '0.0.0.0', '--insecure-http', '--token', 'meeting-room-7', '--store', emptyStore(), '--no-watch']);
    try {
      const port = new URL(serve.url).port;
      const base = `http://127.0.0.1:${port}/`;
      expect(serve.url).toContain('token=meeting-room-7');
      const without = await callApi(base, 'getAppInfo', {});
      expect(without.status).toBe(401);
      const wrong = await callApi(base, 'getAppInfo', {}, { Authorization: 'Bearer meeting-room-8' });
      expect(wrong.status).toBe(401);
      const page = await fetch(base);
      expect(page.status).toBe(401);
      const withToken = await callApi(base, 'getAppInfo', {}, { Authorization: 'Bearer meeting-room-7' });
      expect(withToken.status).toBe(200);
      const viaUrl = await fetch(`${base}?token=meeting-room-7`);
      expect(viaUrl.status).toBe(200);
      expect(viaUrl.headers.get('set-cookie')).toMatch(/tessera_token=meeting-room-7; HttpOnly; SameSite=Strict/);
    } finally {
      await serve.stop();
    }
  });
});

describe('CLI flags', () => {
  it('gives a one-line error and exit 2 for an unknown flag or a bad port', async () => {
    const unknown = await runCli(['serve', '--prot', '80']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const port = await runCli(['serve', '--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port must be a whole number/);
  });

  it('prints help for the command on --help', async () => {
    const help = await runCli(['serve', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: tessera serve/);
  });
});
