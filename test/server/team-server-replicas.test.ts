// Two `serve` replicas on one store, each with its own cache, behind a real nginx that ends TLS and
// sends requests round-robin: a decision written through one is visible through the other after its
// next sync, with the same id and author; a push reaches a page whichever replica holds its channel;
// one users file signs people in (and out) on both; each replica audits its own writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../electron/core/demo';
import { runCli, startServe, type ServeProcess } from '../e2e/support/start-serve';
import { openEventStream } from './support/event-stream';
import { startNginx, type RunningNginx } from './support/nginx';
import { addToken, auditLines, callAs, makeTestCertificate, request, waitFor } from './support/team-server';

interface Replica {
  serve: ServeProcess;
  url: string;
  auditLog: string;
}

type DecisionRow = { id: string; author: string; decision: string };

describe('two replicas on one store behind nginx', () => {
  let dir: string;
  let store: string;
  let usersFile: string;
  let replicas: Replica[];
  let nginx: RunningNginx;
  let ca: Buffer;
  let ana: string;
  let raj: { token: string; id: string };

  const decisionsOf = async (baseUrl: string, proposalId: string, cert?: Buffer) => {
    const answer = await callAs(baseUrl, ana, 'listDecisions', { proposalId }, cert);
    expect(answer.status).toBe(200);
    return answer.json<{ value: { decisions: DecisionRow[] } }>().value.decisions;
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-replicas-'));
    store = path.join(dir, 'shared-store');
    await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
    usersFile = path.join(dir, 'users.json');
    ana = (await addToken(usersFile, store, 'ana', 'writer')).token;
    raj = await addToken(usersFile, store, 'raj', 'writer');
    replicas = await Promise.all(
      ['a', 'b'].map(async (name) => {
        const home = fs.mkdtempSync(path.join(os.tmpdir(), `tessera-replica-${name}-`));
        const auditLog = path.join(home, 'audit.log');
        // Loopback and plain HTTP: TLS ends at nginx, on this same machine.
        const serve = await startServe(['--store', store, '--users', usersFile, '--allow-write', '--audit-log', auditLog], { home });
        await waitFor(`the first sync of replica ${name}`, async () => {
          const info = (await callAs(serve.url, ana, 'getAppInfo', {})).json<{ value: { lastSyncAt: string | null } }>();
          return info.value.lastSyncAt;
        }, 60_000);
        return { serve, url: serve.url, auditLog };
      }),
    );
    const cert = makeTestCertificate(dir);
    ca = cert.cert;
    nginx = await startNginx({ dir: path.join(dir, 'nginx'), upstreams: replicas.map((r) => Number(new URL(r.url).port)), certFile: cert.certFile, keyFile: cert.keyFile });
  }, 180_000);
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all((replicas ?? []).map((r) => r.serve.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows a decision written through the balancer on both replicas, with the same id and author', async () => {
    const written = await callAs(nginx.url, ana, 'decide', { proposalId: 'p-004', decision: 'drop', rationale: 'No gain above 350M.' }, ca);
    expect(written.status).toBe(200);
    const event = written.json<{ value: { state: string; event: { id: string; author: string } } }>().value;
    expect(event.state).toBe('written');
    expect(event.event.author).toBe('ana');
    for (const replica of replicas) {
      const row = await waitFor(`the decision on ${replica.url}`, async () => (await decisionsOf(replica.url, 'p-004')).find((d) => d.id === event.event.id));
      expect(row).toMatchObject({ id: event.event.id, author: 'ana', decision: 'drop' });
    }
    // Whichever replica the balancer picks now, the answer is the same.
    for (let i = 0; i < 4; i++) {
      expect((await decisionsOf(nginx.url, 'p-004', ca)).find((d) => d.id === event.event.id)?.author).toBe('ana');
    }
  });

  it('shows a comment written on one replica through the other, and pushes the change to a page on the other', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const stream = await openEventStream(b.url, ana);
    expect(stream.status).toBe(200);
    const written = await callAs(a.url, raj.token, 'comment', { target: 'p-005', text: 'Seen on replica A first.' });
    const id = written.json<{ value: { event: { id: string } } }>().value.event.id;
    const onB = await waitFor('the comment on replica B', async () => {
      const detail = (await callAs(b.url, ana, 'getProposal', { id: 'p-005' })).json<{ value: { comments: { id: string; author: string; text: string }[] } }>();
      return detail.value.comments.find((c) => c.id === id);
    });
    expect(onB).toMatchObject({ author: 'raj', text: 'Seen on replica A first.' });
    await waitFor('a data-changed push on B', async () => (stream.events.some((e) => e.type === 'data-changed' && e.scopes?.includes('events')) ? true : null));
    stream.close();
  });

  it('passes the push channel through nginx unbuffered', async () => {
    const stream = await openEventStream(nginx.url, ana, ca);
    expect(stream.status).toBe(200);
    await callAs(replicas[0]!.url, ana, 'comment', { target: 'p-006', text: 'Push through the balancer.' });
    await waitFor('a push through nginx', async () => (stream.events.some((e) => e.type === 'data-changed') ? true : null));
    stream.close();
  });

  it('signs people in on both replicas from one users file, and a revocation holds on both at once', async () => {
    const login = await request(new URL('login', nginx.url).toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: raj.token }).toString(),
      ca,
    });
    const cookie = login.headers['set-cookie']![0]!.split(';')[0]!;
    for (const replica of replicas) expect((await request(replica.url, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await runCli(['token', 'revoke', raj.id, '--users', usersFile])).code).toBe(0);
    for (const replica of replicas) {
      expect((await callAs(replica.url, raj.token, 'getAppInfo', {})).status).toBe(401);
      expect((await request(replica.url, { headers: { Cookie: cookie } })).status).toBe(401);
    }
  });

  it("keeps each replica's audit of its own writes, with the client's address as nginx forwarded it", async () => {
    const all = replicas.flatMap((replica) => auditLines(replica.auditLog).map((line): Record<string, unknown> => ({ ...line, replica: replica.url })));
    const decide = all.filter((line) => line.method === 'decide' && line.outcome === 'ok');
    expect(decide).toHaveLength(1);
    expect(decide[0]).toMatchObject({ person: 'ana', address: '127.0.0.1', forwardedFor: '127.0.0.1' });
    const direct = all.filter((line) => line.method === 'comment' && line.person === 'raj');
    expect(direct).toHaveLength(1);
    expect(direct[0]).toMatchObject({ replica: replicas[0]!.url, forwardedFor: null });
  });
});
