// On a team server an event's author is its token's person, whatever the request says: every write
// method of the contract is called by a writer with forged author fields in its input, forged
// identity headers, and after trying to choose another identity; a viewer's token and the room
// display's shared token write nothing through any of them. Checked where it matters: the event files
// in the store, the decision log the app shows, and the audit log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../electron/core/demo';
import { addToken, auditLines, callAs, makeTestCertificate, startTeamServer, storeEvents, type TeamServer } from './support/team-server';
import { FORGED_AUTHOR_FIELDS, FORGED_AUTHOR_HEADERS, SERVER_SETUP_METHODS, WRITE_METHOD_INPUTS, writeMethodNames } from './support/write-method-inputs';

const ROOM_TOKEN = 'room-display-screen-4';

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

  it("writes every event as the token's person, through every write method, whatever the input and headers claim", async () => {
    const before = new Set(storeEvents(store).map((event) => event.id));
    // Trying to become ana first: refused, and it changes nothing that follows.
    const chooseAna = await callAs(server.url, tokens.raj, 'setIdentity', { personId: 'ana' }, server.ca);
    expect(chooseAna.status).toBe(403);
    for (const method of writeMethodNames()) {
      const input = WRITE_METHOD_INPUTS[method] as Record<string, unknown>;
      const attempts = [
        { label: 'plain', input, headers: {} },
        { label: 'forged fields', input: { ...input, ...FORGED_AUTHOR_FIELDS }, headers: {} },
        { label: 'forged headers', input, headers: FORGED_AUTHOR_HEADERS },
      ];
      for (const attempt of attempts) {
        const answer = await callAs(server.url, tokens.raj, method, attempt.input, server.ca, attempt.headers);
        const body = answer.json<{ ok: boolean; value?: { event?: { author: string } }; error?: { code: string } }>();
        // A call either fails (the strict schemas refuse unknown fields; setIdentity is refused) or, if
        // it wrote an event, wrote it as raj.
        if (body.ok && body.value?.event) expect(body.value.event.author, `${method} ${attempt.label}`).toBe('raj');
        if (method === 'setIdentity') expect(answer.status, `${method} ${attempt.label}`).toBe(attempt.label === 'forged fields' ? 400 : 403);
        if (attempt.label === 'forged fields') expect(body.ok, `${method} with forged fields`).toBe(false);
      }
    }
    const written = storeEvents(store).filter((event) => !before.has(event.id));
    // decide, comment, setComplexity and closeReview each wrote once for "plain" and once for "forged headers".
    expect(written.map((event) => event.type).sort()).toEqual(['comment', 'comment', 'complexity', 'complexity', 'decision', 'decision', 'review', 'review']);
    expect(new Set(written.map((event) => event.author))).toEqual(new Set(['raj']));

    // The app's decision log says the same, and so does getAppInfo: raj, fixed, no choice.
    const log = (await callAs(server.url, tokens.ana, 'listDecisions', { proposalId: 'p-001' }, server.ca)).json<{ value: { decisions: { id: string; author: string }[] } }>();
    for (const event of written.filter((e) => e.type === 'decision')) {
      expect(log.value.decisions.find((d) => d.id === event.id)?.author).toBe('raj');
    }
    const info = (await callAs(server.url, tokens.raj, 'getAppInfo', {}, server.ca)).json<{ value: { identity: string; identityFixed: boolean; canWrite: boolean } }>();
    expect(info.value).toMatchObject({ identity: 'raj', identityFixed: true, canWrite: true });
  });

  it("records each write in the audit log with the token's person, its address and the event it wrote", async () => {
    const lines = auditLines(server.auditLog);
    const writes = lines.filter((line) => line.outcome === 'ok' && line.event);
    expect(writes.length).toBeGreaterThanOrEqual(8);
    for (const line of writes) {
      expect(line).toMatchObject({ person: 'raj', role: 'writer', address: '127.0.0.1' });
      expect((line.event as { author: string }).author).toBe('raj');
    }
    const forged = lines.filter((line) => (line.input as Record<string, unknown> | null)?.author === 'ana');
    expect(forged.length).toBe(writeMethodNames().length);
    expect(forged.every((line) => line.outcome === 'refused' && line.person === 'raj')).toBe(true);
    expect(lines.find((line) => line.method === 'setIdentity' && line.outcome === 'refused')).toBeDefined();
  });

  it("refuses a writer's token anything that changes how the server is set up (its sources, its keys)", async () => {
    const before = (await callAs(server.url, tokens.raj, 'getSourceSettings', {}, server.ca)).text;
    for (const method of SERVER_SETUP_METHODS) {
      const answer = await callAs(server.url, tokens.raj, method, WRITE_METHOD_INPUTS[method], server.ca);
      expect(answer.status, method).toBe(403);
      expect(answer.json().error?.message, method).toMatch(/changes how this team server is set up .* its admins do that where it runs/);
    }
    expect((await callAs(server.url, tokens.raj, 'getSourceSettings', {}, server.ca)).text).toBe(before);
  });

  it("writes nothing with a viewer's token or the room display's, through any write method", async () => {
    const before = storeEvents(store).length;
    for (const token of [tokens.mei, ROOM_TOKEN]) {
      for (const method of writeMethodNames()) {
        const answer = await callAs(server.url, token, method, WRITE_METHOD_INPUTS[method], server.ca);
        expect(answer.status, `${method} with ${token === ROOM_TOKEN ? 'the room display' : 'a viewer'}`).toBe(403);
        expect(answer.json().error?.message).toMatch(token === ROOM_TOKEN ? /room-display token reads only/ : /viewer's: it reads only/);
      }
    }
    expect(storeEvents(store).length).toBe(before);
    const meiInfo = (await callAs(server.url, tokens.mei, 'getAppInfo', {}, server.ca)).json<{ value: { identity: string; canWrite: boolean } }>();
    expect(meiInfo.value).toMatchObject({ identity: 'mei', canWrite: false });
    const room = (await callAs(server.url, ROOM_TOKEN, 'getAppInfo', {}, server.ca)).json<{ value: { identity: string | null; identityFixed: boolean; canWrite: boolean } }>();
    expect(room.value).toMatchObject({ identity: null, identityFixed: true, canWrite: false });
    const refused = auditLines(server.auditLog).filter((line) => line.person === 'mei' || line.role === 'room-display');
    expect(refused.length).toBe(2 * writeMethodNames().length);
    expect(refused.every((line) => line.outcome === 'refused')).toBe(true);
  });
});
