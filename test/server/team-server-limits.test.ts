// Bounds a team server keeps: push channels per token, and connections for the whole server. A
// client past a bound gets a clear answer (429 or 503 with what to do); everyone else goes on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientLimits } from '../../electron/server/client-limits';
import { defaultConnectionCap, openFileLimit } from '../../electron/server/connection-cap';
import { generateDemoLab } from '../../electron/core/demo';
import { openEventStream, type OpenEventStream } from './support/event-stream';
import { addToken, callAs, makeTestCertificate, startTeamServer, type TeamServer } from './support/team-server';

describe('per-client bounds', () => {
  it('counts each client apart, refuses past the bound, and frees a slot once, however often it is released', () => {
    const limits = new ClientLimits({ maxStreamsPerClient: 2, maxCallsPerClient: 3 });
    const a1 = limits.acquire('stream', 'token:a')!;
    const a2 = limits.acquire('stream', 'token:a')!;
    expect(limits.acquire('stream', 'token:a')).toBeNull();
    expect(limits.acquire('stream', 'token:b')).not.toBeNull();
    expect(limits.acquire('call', 'token:a')).not.toBeNull();
    a1();
    a1();
    expect(limits.held('stream', 'token:a')).toBe(1);
    expect(limits.acquire('stream', 'token:a')).not.toBeNull();
    expect(limits.acquire('stream', 'token:a')).toBeNull();
    a2();
    expect(limits.refusal('stream')).toMatch(/already has 2 live-update channels open/);
  });

  it('reads the open-file limit and keeps the connection cap under it', () => {
    const limits = 'Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 1048576              files\n';
    expect(openFileLimit(limits)).toBe(1024);
    expect(defaultConnectionCap(1024)).toBe(384);
    expect(defaultConnectionCap(1_048_576)).toBe(4096);
    expect(defaultConnectionCap(100)).toBe(64);
    expect(openFileLimit('Max open files            unlimited            unlimited            files\n')).toBe(Number.POSITIVE_INFINITY);
    expect(defaultConnectionCap(null)).toBe(4096);
  });
});

describe('a team server at its bounds', () => {
  let dir: string;
  let server: TeamServer;
  let ana: string;
  let raj: string;
  const streams: OpenEventStream[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-team-limits-'));
    const store = path.join(dir, 'lab');
    await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
    const usersFile = path.join(dir, 'users.json');
    ana = (await addToken(usersFile, store, 'ana', 'viewer')).token;
    raj = (await addToken(usersFile, store, 'raj', 'viewer')).token;
    server = await startTeamServer({ store, usersFile, cert: makeTestCertificate(dir), args: ['--no-watch', '--max-connections', '12'], syncedFor: ana });
  }, 120_000);
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers a token's ninth push channel with 429 and what to do, while another person's opens", async () => {
    for (let i = 0; i < 8; i++) {
      const stream = await openEventStream(server.url, ana, server.ca);
      streams.push(stream);
      expect(stream.status).toBe(200);
    }
    const ninth = await openEventStream(server.url, ana, server.ca);
    await ninth.ended;
    expect(ninth.status).toBe(429);
    expect(JSON.parse(ninth.body)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already has 8 live-update channels open \(one per tab or window\): close some Tessera tabs/) } });
    const other = await openEventStream(server.url, raj, server.ca);
    streams.push(other);
    expect(other.status).toBe(200);
    // Closing one of ana's frees its slot.
    streams.shift()!.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await openEventStream(server.url, ana, server.ca);
    streams.push(again);
    expect(again.status).toBe(200);
  });

  it('answers connections past --max-connections with 503 and keeps serving once they close', async () => {
    // 9 channels are open; three more fill the cap of 12, and the next connection is past it.
    for (let i = 0; i < 3; i++) {
      const stream = await openEventStream(server.url, raj, server.ca);
      streams.push(stream);
      expect(stream.status).toBe(200);
    }
    const past = await callAs(server.url, raj, 'getAppInfo', {}, server.ca);
    expect(past.status).toBe(503);
    expect(past.json().error?.message).toMatch(/as many connections open as it takes; try again in a few seconds/);
    for (const stream of streams.splice(0)) stream.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await callAs(server.url, raj, 'getAppInfo', {}, server.ca)).status).toBe(200);
  });
});
