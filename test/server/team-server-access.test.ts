// Who gets into a team server: over HTTPS only (plain HTTP on a public address is refused at start),
// with a valid person's token or nothing but the login page, and a revoked token out at once, its
// open push channel included.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import { generateDemoLab } from '../../electron/core/demo';
import { TOKEN_COOKIE } from '../../electron/server/request-auth';
import { repoRoot, runCli } from '../e2e/support/start-serve';
import { openEventStream } from './support/event-stream';
import { addToken, callAs, makeTestCertificate, request, startTeamServer, waitFor, type TeamServer, type TestCertificate } from './support/team-server';

let dir: string;
let store: string;
let cert: TestCertificate;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-team-access-'));
  store = path.join(dir, 'lab');
  await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
  cert = makeTestCertificate(dir);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('starting a team server', () => {
  const usersFile = () => path.join(dir, 'start-users.json');
  beforeAll(() => addToken(usersFile(), store, 'ana', 'writer'));

  it('refuses plain HTTP on a non-loopback host, with or without people, unless --insecure-http says so', async () => {
    for (const access of [['--users', usersFile()], ['--token', 'meeting-room-7']]) {
      const result = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--store', store, '--no-watch', ...access], { TESSERA_HOME: path.join(dir, 'home-refused') });
      expect(result.code, access.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/without TLS would send every token in the clear: give --tls-cert FILE --tls-key FILE, or --insecure-http/);
    }
  });

  it('says what is wrong with the TLS flags, the users file and --allow-setup, in one line', async () => {
    const env = { TESSERA_HOME: path.join(dir, 'home-flags') };
    const half = await runCli(['serve', '--store', store, '--tls-cert', cert.certFile], env);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/--tls-cert and --tls-key go together/);
    const garbage = path.join(dir, 'garbage.pem');
    fs.writeFileSync(garbage, 'not a certificate\n');
    const bad = await runCli(['serve', '--store', store, '--tls-cert', garbage, '--tls-key', cert.keyFile], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a usable PEM certificate and its private key/);
    const missing = await runCli(['serve', '--store', store, '--users', path.join(dir, 'nobody.json')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nobody\.json: no such users file\. Create it with "tessera token add PERSON/);
    const broken = path.join(dir, 'broken-users.json');
    fs.writeFileSync(broken, JSON.stringify({ format: 'tessera-users', version: 1, tokens: [{ id: 'zz', person: 'ana' }] }));
    const invalid = await runCli(['serve', '--store', store, '--users', broken], env);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/broken-users\.json: tokens\[0\]\.id: 12 lower-case hex digits/);
    const setupAlone = await runCli(['serve', '--store', store, '--allow-setup', '--allow-write'], env);
    expect(setupAlone.code).toBe(2);
    expect(setupAlone.stderr).toMatch(/--allow-setup .* needs --users FILE and --allow-write/);
  });
});

describe('a running team server', () => {
  let server: TeamServer;
  let usersFile: string;
  let ana: string;
  let raj: { token: string; id: string };

  beforeAll(async () => {
    usersFile = path.join(dir, 'users.json');
    ana = (await addToken(usersFile, store, 'ana', 'writer')).token;
    raj = await addToken(usersFile, store, 'raj', 'viewer');
    server = await startTeamServer({ store, usersFile, cert, args: ['--host', '0.0.0.0', '--no-watch'], syncedFor: ana });
  }, 120_000);
  afterAll(() => server?.stop());

  it('speaks HTTPS with its certificate, which a client that does not trust it refuses', async () => {
    expect(server.serve.url).toMatch(/^https:\/\//);
    // It prints the fingerprint its admins hand out, as openssl computes it.
    const openssl = execFileSync('openssl', ['x509', '-in', cert.certFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).trim().split('=')[1];
    expect(server.serve.stderr()).toContain(`HTTPS certificate SHA-256 fingerprint: ${openssl}`);
    const trusted = await callAs(server.url, ana, 'getAppInfo', {}, server.ca);
    expect(trusted.status).toBe(200);
    await expect(request(server.url)).rejects.toThrow(/self[- ]signed certificate/);
    const other = makeTestCertificate(dir, 'other');
    await expect(request(server.url, { ca: other.cert })).rejects.toThrow(/self[- ]signed certificate|unable to verify/);
  });

  it('lets a request without a valid token read nothing but the login page', async () => {
    const asset = fs.readdirSync(path.join(repoRoot, 'dist', 'renderer', 'assets')).find((file) => file.endsWith('.js'))!;
    const wrongs: Record<string, string | null> = {
      none: null,
      garbage: 'not-a-token',
      'wrong secret': ana.slice(0, -4) + 'AAAA',
      'another server': 'tsr_0123456789ab_' + 'A'.repeat(43),
    };
    for (const [label, token] of Object.entries(wrongs)) {
      const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
      for (const page of ['', 'index.html', `assets/${asset}`, 'favicon.svg', 'runs/r-0001']) {
        const answer = await request(new URL(page, server.url).toString(), { headers, ca: server.ca });
        expect(answer.status, `${label}: /${page}`).toBe(401);
        expect(answer.headers['content-type']).toMatch(/^text\/html/);
        expect(answer.text).toMatch(/<form method="post" action="[./]*login">/);
        expect(answer.text).not.toMatch(/<script/);
      }
      for (const method of Object.keys(contract)) {
        const answer = await callAs(server.url, token, method, {}, server.ca);
        expect(answer.status, `${label}: ${method}`).toBe(401);
        expect(answer.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      }
      const stream = await openEventStream(server.url, token, server.ca);
      expect(stream.status, `${label}: /api/events`).toBe(401);
      stream.close();
    }
  });

  it('signs a browser in with its token (an HttpOnly, Secure cookie), refuses a wrong one on the page, and signs out', async () => {
    const wrong = await request(new URL('login', server.url).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'token=tsr_0123456789ab_' + 'A'.repeat(43),
      ca: server.ca,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toMatch(/That token is not valid here/);
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const login = await request(new URL('login', server.url).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: ana }).toString(),
      ca: server.ca,
    });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('./');
    const cookie = login.headers['set-cookie']![0]!;
    expect(cookie).toMatch(new RegExp(`^${TOKEN_COOKIE}=tsr_[^;]+; HttpOnly; SameSite=Strict; Path=/; Max-Age=\\d+; Secure$`));
    const app = await request(server.url, { headers: { Cookie: cookie.split(';')[0]! }, ca: server.ca });
    expect(app.status).toBe(200);
    expect(app.text).toMatch(/<div id="root">/);

    const logout = await request(new URL('logout', server.url).toString(), { method: 'POST', headers: { Cookie: cookie.split(';')[0]! }, ca: server.ca });
    expect(logout.status).toBe(303);
    expect(logout.headers['set-cookie']![0]).toMatch(new RegExp(`^${TOKEN_COOKIE}=; .*Max-Age=0`));
  });

  it('refuses a revoked token at its very next request, and ends its open push channel', async () => {
    expect((await callAs(server.url, raj.token, 'getAppInfo', {}, server.ca)).status).toBe(200);
    const stream = await openEventStream(server.url, raj.token, server.ca);
    expect(stream.status).toBe(200);
    const anaStream = await openEventStream(server.url, ana, server.ca);
    const revoke = await runCli(['token', 'revoke', raj.id, '--users', usersFile]);
    expect(revoke.code).toBe(0);
    expect(revoke.stderr).toMatch(new RegExp(`Revoked ${raj.id} \\(raj\\)`));
    // No waiting: the very next request is refused.
    expect((await callAs(server.url, raj.token, 'getAppInfo', {}, server.ca)).status).toBe(401);
    const started = Date.now();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(3000);
    // Nobody else is signed out.
    expect((await callAs(server.url, ana, 'getAppInfo', {}, server.ca)).status).toBe(200);
    expect(anaStream.isEnded()).toBe(false);
    anaStream.close();
  });

  it('gzips a large answer for a client that accepts it, and only then', async () => {
    const plain = await callAs(server.url, ana, 'listProposals', {}, server.ca);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await callAs(server.url, ana, 'listProposals', {}, server.ca, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(zipped.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
    expect(zipped.raw.length).toBeLessThan(plain.raw.length / 2);
    expect(JSON.parse(zlib.gunzipSync(zipped.raw).toString('utf8'))).toEqual(plain.json());
  });

  it('fails closed while the users file is broken, and takes the tokens back when it is fixed', async () => {
    const good = fs.readFileSync(usersFile, 'utf8');
    fs.writeFileSync(usersFile, good.slice(0, 40));
    expect((await callAs(server.url, ana, 'getAppInfo', {}, server.ca)).status).toBe(401);
    await waitFor('the log line', async () => (/users file unusable, no person token is accepted/.test(server.serve.stderr()) ? true : null));
    fs.writeFileSync(usersFile, good);
    expect((await callAs(server.url, ana, 'getAppInfo', {}, server.ca)).status).toBe(200);
  });
});
