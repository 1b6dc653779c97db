// The desktop app's connection, in Node (Electron cannot start here): its real local core worker and a
// real `serve --users` over HTTPS with a self-signed certificate. Only the OS keychain is stood in for,
// by an AES-GCM sealer with a key held in memory, since Electron's safeStorage cannot run in Node.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/api/app-methods';
import type { PushEvent } from '../../shared/api/push-events';
import { generateDemoLab } from '../../electron/core/demo';
import type { DesktopConnection } from '../../electron/team-client/desktop-connection';
import { KnownServers } from '../../electron/team-client/known-servers';
import { checkTeamServerUrl } from '../../electron/team-client/team-server-client';
import type { SecretSealer } from '../../electron/team-client/token-vault';
import { desktopAppFiles, desktopConnection, type DesktopAppFiles } from './support/desktop-app';
import { testSealer } from './support/test-sealer';
import { runCli } from '../e2e/support/start-serve';
import { addToken, makeTestCertificate, startTeamServer, storeEvents, waitFor, type TeamServer, type TestCertificate } from '../server/support/team-server';

const ctx = { transport: 'ipc' as const, canWrite: true };
let dir: string;
let store: string;
let localStore: string;
let cert: TestCertificate;
let server: TeamServer;
let usersFile: string;
let raj: { token: string; id: string };

function appFiles(name: string): DesktopAppFiles {
  return desktopAppFiles(path.join(dir, name));
}

function connection(files: DesktopAppFiles, sealer: SecretSealer): DesktopConnection {
  return desktopConnection(files, localStore, sealer);
}

async function appInfo(client: DesktopConnection): Promise<AppInfo> {
  const result = await client.call('getAppInfo', {}, ctx);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as AppInfo;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-desktop-connection-'));
  store = path.join(dir, 'team-store');
  localStore = path.join(dir, 'local-store');
  await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
  await generateDemoLab({ outDir: localStore, seed: 2, size: 'small' });
  usersFile = path.join(dir, 'users.json');
  raj = await addToken(usersFile, store, 'raj', 'writer');
  cert = makeTestCertificate(dir);
  server = await startTeamServer({ store, usersFile, cert, args: ['--allow-write', '--no-watch'], syncedFor: raj.token });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('connecting the desktop app to a team server', () => {
  const files = () => appFiles('app-1');
  const keychain = testSealer();
  let app: DesktopConnection;
  const pushes: PushEvent[] = [];

  beforeAll(async () => {
    app = connection(files(), keychain);
    app.onEvent((event) => pushes.push(event));
    expect(await app.start()).toEqual({ mode: 'local', lastError: null });
  }, 60_000);
  afterAll(() => app?.close());

  it('shows the self-signed certificate and its fingerprint, as openssl computes it, before sending anything', async () => {
    const probe = await app.probe(server.url);
    const openssl = execFileSync('openssl', ['x509', '-in', cert.certFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    expect(openssl.trim()).toBe(`sha256 Fingerprint=${probe.certificate!.fingerprint}`);
    expect(probe).toMatchObject({ pinned: false, needsConfirmation: true, certificate: { trustedByAuthorities: false, subject: 'CN=localhost' } });
    expect(probe.certificate!.untrustedBecause).toMatch(/SELF_SIGNED/);
  });

  it('refuses to connect until the person confirms exactly that fingerprint, and changes nothing meanwhile', async () => {
    await expect(app.connect({ url: server.url, token: raj.token })).rejects.toThrow(/not signed by an authority this computer trusts .* check its fingerprint [0-9A-F:]+ with the server's admins/);
    await expect(app.connect({ url: server.url, token: raj.token, trustFingerprint: 'AB:CD' })).rejects.toThrow(/check its fingerprint/);
    expect(app.state().mode).toBe('local');
    expect(fs.existsSync(files().vault)).toBe(false);
    expect(fs.existsSync(files().knownServers)).toBe(false);
    expect((await appInfo(app)).transport).toBe('ipc');
  });

  it('refuses a wrong token without switching, and plain HTTP to another machine outright', async () => {
    const { fingerprint } = (await app.probe(server.url)).certificate!;
    await expect(app.connect({ url: server.url, token: 'tsr_0123456789ab_' + 'A'.repeat(43), trustFingerprint: fingerprint })).rejects.toThrow(/does not accept this token \(mistyped, revoked or replaced\)/);
    expect(app.state().mode).toBe('local');
    expect(() => checkTeamServerUrl('http://tessera.lab.example:4777')).toThrow(/plain HTTP: your token would cross the network in the clear/);
    expect(checkTeamServerUrl('tessera.lab.example').toString()).toBe('https://tessera.lab.example/');
  });

  it('connects once confirmed: reads and writes go through the server as the token\'s person, and its pushes arrive', async () => {
    const { fingerprint } = (await app.probe(server.url)).certificate!;
    const state = await app.connect({ url: server.url, token: raj.token, trustFingerprint: fingerprint });
    expect(state).toEqual({ mode: 'team-server', url: server.url, person: 'raj', fingerprint, tokenSealedBy: 'the test keychain', lastError: null });
    const info = await appInfo(app);
    expect(info).toMatchObject({ signedIn: { person: 'raj' }, transport: 'http', storeUrl: store });
    expect(pushes.some((event) => event.type === 'data-changed')).toBe(true);
    pushes.length = 0;
    const decided = await app.call('decide', { proposalId: 'p-002', decision: 'continue', rationale: 'From the desktop app on the team server.', author: 'raj' }, ctx);
    expect(decided.ok ? null : decided.error).toBeNull();
    expect(storeEvents(store).find((event) => (event as { rationale?: string }).rationale === 'From the desktop app on the team server.')).toMatchObject({ author: 'raj' });
    await waitFor('a push from the server', async () => (pushes.some((event) => event.type === 'data-changed') ? true : null));
    // Kept for the next start: sealed, never in plain text; the certificate pinned.
    expect(fs.readFileSync(files().vault, 'utf8')).not.toContain(raj.token.slice(17));
    expect(fs.statSync(files().vault).mode & 0o777).toBe(0o600);
    expect(new KnownServers(files().knownServers).find(new URL(server.url).origin)?.fingerprint).toBe(fingerprint);
  });

  it('reconnects on the next start with the kept token and pinned certificate, without asking again', async () => {
    const again = connection(files(), keychain);
    try {
      const state = await again.start();
      expect(state).toMatchObject({ mode: 'team-server', person: 'raj' });
      expect((await appInfo(again)).signedIn).toEqual({ person: 'raj' });
    } finally {
      await again.close();
    }
  });

  it('goes back to the local store, forgetting the token', async () => {
    const state = await app.useLocalStore();
    expect(state).toEqual({ mode: 'local', lastError: null });
    const info = await appInfo(app);
    expect(info).toMatchObject({ transport: 'ipc', storeUrl: localStore, signedIn: null });
    expect(fs.readFileSync(files().vault, 'utf8')).not.toContain(new URL(server.url).origin);
  });
});

describe('a team server that changes under the app', () => {
  it('keeps the token unencrypted but readable by its owner only where no keychain is available', async () => {
    const files = appFiles('app-2');
    const app = connection(files, testSealer(false));
    try {
      await app.start();
      const { fingerprint } = (await app.probe(server.url)).certificate!;
      const state = await app.connect({ url: server.url, token: raj.token, trustFingerprint: fingerprint });
      expect(state).toMatchObject({ mode: 'team-server', tokenSealedBy: null });
      expect(fs.statSync(files.vault).mode & 0o777).toBe(0o600);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('refuses a different certificate than the one trusted, and a revoked token, saying what to do', async () => {
    const files = appFiles('app-3');
    const app = connection(files, testSealer());
    const second = await addToken(usersFile, store, 'raj', 'writer');
    try {
      await app.start();
      const { fingerprint } = (await app.probe(server.url)).certificate!;
      await app.connect({ url: server.url, token: second.token, trustFingerprint: fingerprint });
      expect((await runCli(['token', 'revoke', second.id, '--users', usersFile])).code).toBe(0);
      const revoked = await app.call('getAppInfo', {}, ctx);
      expect(revoked).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/does not accept this token/) } });

      // The same address, another certificate: a server in between, or a renewal nobody confirmed.
      const port = new URL(server.url).port;
      await server.stop();
      const other = makeTestCertificate(dir, 'impostor');
      server = await startTeamServer({ store, usersFile, cert: other, args: ['--allow-write', '--no-watch', '--port', port], syncedFor: raj.token });
      const changed = await app.call('getAppInfo', {}, ctx);
      expect(changed).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/presented a different certificate.* from the one you trusted/) } });
      const probe = await app.probe(server.url);
      expect(probe).toMatchObject({ pinned: false, needsConfirmation: true, pinnedFingerprintChanged: fingerprint });
    } finally {
      await app.close();
    }
  }, 90_000);
});
