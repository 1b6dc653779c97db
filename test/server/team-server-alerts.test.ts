// Alerts on a team server: a run turning NaN in the store reaches every open push channel as ids only,
// and each person, asking for those ids, gets what is theirs by their token (the run's owner gets the
// alert; someone else asking "as the owner" gets nothing), so one person's alerts never show in
// another's list whatever a call claims.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../electron/core/demo';
import type { AlertList } from '../../shared/api/alerts-methods';
import type { RunList } from '../../shared/domain/run-views';
import { openEventStream, type OpenEventStream } from './support/event-stream';
import { addToken, callAs, makeTestCertificate, startTeamServer, waitFor, type TeamServer } from './support/team-server';

describe('alerts on a team server', () => {
  let dir: string;
  let store: string;
  let server: TeamServer;
  let owner: { person: string; token: string };
  let other: { person: string; token: string };
  let runId: string;
  const streams: OpenEventStream[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-team-alerts-'));
    store = path.join(dir, 'lab');
    await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
    const usersFile = path.join(dir, 'users.json');
    // A running run whose owner is a person of team.yaml, and somebody else of the team.
    const team = fs.readFileSync(path.join(store, 'team.yaml'), 'utf8');
    const people = [...team.matchAll(/^\s*- \{?id: ([A-Za-z0-9._-]+)/gm)].map((m) => m[1]!);
    const running = fs
      .readdirSync(path.join(store, 'runs'))
      .map((id) => ({ id, run: JSON.parse(fs.readFileSync(path.join(store, 'runs', id, 'run.json'), 'utf8')) as { owner?: string }, status: JSON.parse(fs.readFileSync(path.join(store, 'runs', id, 'status.json'), 'utf8')) as { state: string } }))
      .find((r) => r.status.state === 'running' && r.run.owner !== undefined && people.includes(r.run.owner));
    expect(running, 'a running run owned by a person of team.yaml').toBeDefined();
    runId = running!.id;
    const otherPerson = people.find((p) => p !== running!.run.owner)!;
    owner = { person: running!.run.owner!, token: (await addToken(usersFile, store, running!.run.owner!, 'writer')).token };
    other = { person: otherPerson, token: (await addToken(usersFile, store, otherPerson, 'writer')).token };
    server = await startTeamServer({ store, usersFile, cert: makeTestCertificate(dir), args: ['--allow-write', '--no-watch'], syncedFor: owner.token });
  }, 120_000);
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("pushes the new alert's id to everyone, and lists it only for the person whose it is", async () => {
    const runs = (await callAs(server.url, owner.token, 'listRuns', { status: ['running'] }, server.ca)).json<{ value: RunList }>().value;
    expect(runs.runs.find((r) => r.id === runId)?.owner).toBe(owner.person);
    for (const who of [owner, other]) streams.push(await openEventStream(server.url, who.token, server.ca));
    expect(streams.map((s) => s.status)).toEqual([200, 200]);

    const file = path.join(store, 'runs', runId, 'metrics.jsonl');
    const last = JSON.parse(fs.readFileSync(file, 'utf8').trimEnd().split('\n').pop()!) as { step: number };
    const now = Date.now() / 1000;
    fs.appendFileSync(file, `{"step":${last.step + 25},"time":${now.toFixed(1)},"train/loss":2.61}\n{"step":${last.step + 50},"time":${(now + 1).toFixed(1)},"train/loss":"NaN"}\n`);
    expect((await callAs(server.url, owner.token, 'syncNow', {}, server.ca)).status).toBe(200);

    const firedIds = (stream: OpenEventStream) => stream.events.filter((e) => e.type === 'alerts-fired').flatMap((e) => (e as { ids?: number[] }).ids ?? []);
    const ids = await waitFor('alerts-fired on both push channels', async () => (streams.every((s) => firedIds(s).length > 0) ? firedIds(streams[0]!) : null), 30_000);
    expect(firedIds(streams[1]!)).toEqual(ids);
    // The push names no run and no person: only ids.
    for (const event of streams[1]!.events.filter((e) => e.type === 'alerts-fired')) expect(Object.keys(event).sort()).toEqual(['at', 'ids', 'type']);

    const mine = (await callAs(server.url, owner.token, 'listAlerts', { ids, scope: 'mine', person: other.person }, server.ca)).json<{ value: AlertList }>().value;
    expect(mine.person).toBe(owner.person);
    expect(mine.alerts.some((a) => a.runId === runId && a.rule === 'non-finite' && a.live)).toBe(true);
    const claimed = (await callAs(server.url, other.token, 'listAlerts', { ids, scope: 'mine', person: owner.person }, server.ca)).json<{ value: AlertList }>().value;
    expect(claimed.person).toBe(other.person);
    expect(claimed.alerts.filter((a) => a.runId === runId)).toEqual([]);
  }, 60_000);
});
