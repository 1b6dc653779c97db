// On a team server an event's author is its token's person, whatever the request says: every write
// method of the contract is called by a writer naming themself, naming someone else, naming nobody,
// and with forged identity headers; a viewer's token and the room display's shared token write
// nothing through any of them. Checked where it matters: the event files in the store, the decision
// log the app shows, each person's alerts and watches, and the audit log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../electron/core/demo';
import type { AppInfo } from '../../shared/api/app-methods';
import { contract } from '../../shared/api/contract';
import { addToken, auditLines, callAs, makeTestCertificate, startTeamServer, storeEvents, type TeamServer } from './support/team-server';
import { FORGED_AUTHOR_FIELDS, FORGED_AUTHOR_HEADERS, SERVER_SETUP_METHODS, WRITE_METHOD_INPUTS, callerNamingMethods, writeMethodNames } from './support/write-method-inputs';

const ROOM_TOKEN = 'room-display-screen-4';

type Answer = { ok: boolean; value?: { event?: { author: string }; person?: string | null; watches?: { kind: string; target: string }[]; quietMinutes?: number }; error?: { code: string; message: string } };

/** The same call with its caller field naming `person`, or without it (undefined). */
function naming(input: object, field: string, person: string | undefined): Record<string, unknown> {
  const { [field]: _named, ...rest } = input as Record<string, unknown>;
  return person === undefined ? rest : { ...rest, [field]: person };
}

describe('a team server, whoever a request claims to be', () => {
  let dir: string;
  let store: string;
  let server: TeamServer;
  const tokens: Record<'raj' | 'ana' | 'mei', string> = { raj: '', ana: '', mei: '' };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-team-authors-'));
    store = path.join(dir, 'lab');
    await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
    const usersFile = path.join(dir, 'users.json');
    tokens.raj = (await addToken(usersFile, store, 'raj', 'writer')).token;
    tokens.ana = (await addToken(usersFile, store, 'ana', 'writer')).token;
    tokens.mei = (await addToken(usersFile, store, 'mei', 'viewer')).token;
    server = await startTeamServer({ store, usersFile, cert: makeTestCertificate(dir), args: ['--allow-write', '--no-watch', '--token', ROOM_TOKEN], syncedFor: tokens.raj });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has a valid call for every write method of the contract', () => {
    expect(Object.keys(WRITE_METHOD_INPUTS).sort()).toEqual(writeMethodNames());
  });

  it("writes every event and every watch as the token's person, through every write method, whatever the input and headers claim", async () => {
    const before = new Set(storeEvents(store).map((event) => event.id));
    let namedWrites = 0;
    for (const method of writeMethodNames()) {
      const input = WRITE_METHOD_INPUTS[method] as object;
      const field = contract[method].caller;
      const attempts = field
        ? [
            { label: 'naming raj', input, headers: {} },
            { label: 'naming ana', input: naming(input, field, 'ana'), headers: {} },
            { label: 'naming nobody', input: naming(input, field, undefined), headers: {} },
            { label: 'forged headers', input: naming(input, field, 'ana'), headers: FORGED_AUTHOR_HEADERS },
          ]
        : [
            { label: 'plain', input, headers: {} },
            // No field of this method names a person: claiming one is an input its strict schema refuses.
            { label: 'forged fields', input: { ...input, ...FORGED_AUTHOR_FIELDS }, headers: {} },
            { label: 'forged headers', input, headers: FORGED_AUTHOR_HEADERS },
          ];
      for (const attempt of attempts) {
        const answer = await callAs(server.url, tokens.raj, method, attempt.input, server.ca, attempt.headers);
        const body = answer.json<Answer>();
        const what = `${method} ${attempt.label}`;
        if (SERVER_SETUP_METHODS.includes(method)) expect(answer.status, what).toBe(403);
        else if (attempt.label === 'forged fields') expect(answer.status, what).toBe(400);
        else expect(answer.status, `${what}: ${answer.text}`).toBe(200);
        if (body.ok && body.value?.event) expect(body.value.event.author, what).toBe('raj');
        if (body.ok && field === 'person') expect(body.value?.person, what).toBe('raj');
        if (field && body.ok) namedWrites += 1;
      }
    }
    // Each of the 9 methods that name their caller went through all four ways.
    expect(namedWrites).toBe(4 * writeMethodNames().filter((method) => contract[method].caller !== null).length);

    const written = storeEvents(store).filter((event) => !before.has(event.id));
    // decide, comment, setComplexity and closeReview each wrote four times.
    expect(written.map((event) => event.type).sort()).toEqual(['comment', 'complexity', 'decision', 'review'].flatMap((type) => [type, type, type, type]));
    expect(new Set(written.map((event) => event.author))).toEqual(new Set(['raj']));

    // The app's decision log says the same.
    const log = (await callAs(server.url, tokens.ana, 'listDecisions', { proposalId: 'p-001' }, server.ca)).json<{ value: { decisions: { id: string; author: string }[] } }>();
    for (const event of written.filter((e) => e.type === 'decision')) {
      expect(log.value.decisions.find((d) => d.id === event.id)?.author).toBe('raj');
    }
    // raj's settings and watch are raj's, asked for as ana or not; ana's are untouched, asked for as raj.
    const rajSettings = (await callAs(server.url, tokens.raj, 'getAlertSettings', { person: 'ana' }, server.ca)).json<Answer>().value;
    expect(rajSettings).toMatchObject({ person: 'raj', quietMinutes: 45, ownRuns: false, watches: [expect.objectContaining({ kind: 'proposal', target: 'p-002' })] });
    const anaSettings = (await callAs(server.url, tokens.ana, 'getAlertSettings', { person: 'raj' }, server.ca)).json<Answer>().value;
    expect(anaSettings).toMatchObject({ person: 'ana', ownRuns: true, watches: [] });
  });

  it("answers every method that names its caller for the token's person, whatever the input names", async () => {
    for (const method of callerNamingMethods().filter((m) => !contract[m].writes)) {
      const answer = await callAs(server.url, tokens.raj, method, { [contract[method].caller!]: 'ana' }, server.ca);
      expect(answer.status, method).toBe(200);
      expect(answer.json<Answer>().value?.person, method).toBe('raj');
    }
  });

  it('says who the token makes you, and why you cannot write when you cannot', async () => {
    const info = async (token: string) => (await callAs(server.url, token, 'getAppInfo', {}, server.ca)).json<{ value: AppInfo }>().value;
    expect(await info(tokens.raj)).toMatchObject({ signedIn: { person: 'raj' }, canWrite: true, readOnlyReason: null, setupLockedReason: expect.stringMatching(/changes how this team server is set up/) });
    expect(await info(tokens.mei)).toMatchObject({ signedIn: { person: 'mei' }, canWrite: false, readOnlyReason: expect.stringMatching(/viewer's: it reads only/), setupLockedReason: null });
    expect(await info(ROOM_TOKEN)).toMatchObject({ signedIn: { person: null }, canWrite: false, readOnlyReason: expect.stringMatching(/room-display token reads only/), setupLockedReason: null });
  });

  it("records each write in the audit log with the token's person, its address, what the call claimed and the event it wrote", async () => {
    const lines = auditLines(server.auditLog);
    const writes = lines.filter((line) => line.outcome === 'ok' && line.event);
    expect(writes.length).toBe(16);
    for (const line of writes) {
      expect(line).toMatchObject({ person: 'raj', role: 'writer', address: '127.0.0.1' });
      expect((line.event as { author: string }).author).toBe('raj');
    }
    // What a call claimed stays in the record beside who it was: the forged calls are there to see.
    const claimedAna = lines.filter((line) => {
      const input = line.input as Record<string, unknown> | null;
      return input?.author === 'ana' || input?.person === 'ana';
    });
    expect(claimedAna.length).toBeGreaterThanOrEqual(writeMethodNames().length);
    expect(claimedAna.every((line) => line.person === 'raj')).toBe(true);
    expect(claimedAna.filter((line) => line.event).every((line) => (line.event as { author: string }).author === 'raj')).toBe(true);
  });

  it("refuses a writer's token anything that changes how the server is set up (its sources, its keys)", async () => {
    const before = (await callAs(server.url, tokens.raj, 'getSourceSettings', {}, server.ca)).text;
    for (const method of SERVER_SETUP_METHODS) {
      const answer = await callAs(server.url, tokens.raj, method, WRITE_METHOD_INPUTS[method as keyof typeof WRITE_METHOD_INPUTS], server.ca);
      expect(answer.status, method).toBe(403);
      expect(answer.json().error?.message, method).toMatch(/changes how this team server is set up .* its admins do that where it runs.*--allow-setup/);
    }
    expect((await callAs(server.url, tokens.raj, 'getSourceSettings', {}, server.ca)).text).toBe(before);
  });

  it("writes nothing with a viewer's token or the room display's, through any write method", async () => {
    const before = storeEvents(store).length;
    const auditedBefore = auditLines(server.auditLog).length;
    for (const token of [tokens.mei, ROOM_TOKEN]) {
      for (const method of writeMethodNames()) {
        const answer = await callAs(server.url, token, method, WRITE_METHOD_INPUTS[method], server.ca);
        expect(answer.status, `${method} with ${token === ROOM_TOKEN ? 'the room display' : 'a viewer'}`).toBe(403);
        expect(answer.json().error?.message).toMatch(token === ROOM_TOKEN ? /room-display token reads only/ : /viewer's: it reads only/);
      }
    }
    expect(storeEvents(store).length).toBe(before);
    const meiSettings = (await callAs(server.url, tokens.mei, 'getAlertSettings', {}, server.ca)).json<Answer>().value;
    expect(meiSettings).toMatchObject({ person: 'mei', watches: [] });
    const refused = auditLines(server.auditLog).slice(auditedBefore);
    expect(refused.length).toBe(2 * writeMethodNames().length);
    expect(refused.every((line) => line.outcome === 'refused' && (line.person === 'mei' || line.role === 'room-display'))).toBe(true);
  });
});
