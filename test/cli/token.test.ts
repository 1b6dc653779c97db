// `tessera token`: a token for a real person of team.yaml, printed once and stored only as a salted
// HMAC (re-derived here from the printed token), listed without secrets, revoked by id or person.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../electron/core/demo';
import { personTokenMatches } from '../../electron/server/access/person-tokens';
import { readUsersFile } from '../../electron/server/access/users-file';
import { runCli } from '../e2e/support/start-serve';

let dir: string;
let store: string;
let usersFile: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-token-cli-'));
  store = path.join(dir, 'lab');
  await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
  usersFile = path.join(dir, 'team', 'users.json');
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const token = (...args: string[]) => runCli(['token', ...args, '--users', usersFile], { TESSERA_HOME: path.join(dir, 'home') });

describe('tessera token add', () => {
  it('prints the token once on stdout and keeps only a salted HMAC of its secret, in a file only its owner reads', async () => {
    const added = await token('add', 'ana', '--store', store);
    expect(added.code).toBe(0);
    const printed = added.stdout.trim();
    expect(printed).toMatch(/^tsr_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(added.stderr).toMatch(/for ana \(viewer\) added to .*users\.json\. It is shown this once/);
    const text = fs.readFileSync(usersFile, 'utf8');
    expect(text).not.toContain(printed.split('_').slice(2).join('_'));
    expect(fs.statSync(usersFile).mode & 0o777).toBe(0o600);
    const [entry] = readUsersFile(usersFile).tokens;
    expect(entry).toMatchObject({ person: 'ana', role: 'viewer', revoked_at: null, id: printed.slice(4, 16) });
    const secret = printed.slice(17);
    const hmac = crypto.createHmac('sha256', Buffer.from(entry!.salt, 'base64url')).update(secret).digest('base64url');
    expect(entry!.hash).toBe(hmac);
    expect(personTokenMatches(printed, entry!)).toBe(true);
  });

  it('makes a writer token, a second token for the same person, and never the same token twice', async () => {
    const one = await token('add', 'raj', '--role', 'writer', '--store', store, '--json');
    const two = await token('add', 'raj', '--role', 'writer', '--store', store, '--json');
    const [a, b] = [JSON.parse(one.stdout), JSON.parse(two.stdout)] as { token: string; id: string; role: string }[];
    expect(a!.role).toBe('writer');
    expect(a!.token).not.toBe(b!.token);
    expect(a!.id).not.toBe(b!.id);
  });

  it('refuses a person team.yaml does not list, a bad role and a missing store, in one line each', async () => {
    const unknown = await token('add', 'zoe', '--store', store);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/"zoe" is not in team\.yaml of .* \(14 people: ana, raj, /);
    const role = await token('add', 'ana', '--role', 'admin', '--store', store);
    expect(role.code).toBe(2);
    expect(role.stderr).toMatch(/--role must be one of viewer, writer, got "admin"/);
    const noStore = await token('add', 'ana');
    expect(noStore.code).toBe(2);
    expect(noStore.stderr).toMatch(/Give --store URL/);
    const noTeam = fs.mkdtempSync(path.join(dir, 'no-team-'));
    fs.writeFileSync(path.join(noTeam, 'tessera-store.json'), '{"format":"tessera-store","version":1}');
    const withoutTeam = await token('add', 'ana', '--store', noTeam);
    expect(withoutTeam.code).toBe(1);
    expect(withoutTeam.stderr).toMatch(/has no team\.yaml/);
  });
});

describe('tessera token list and revoke', () => {
  it('lists ids, people, roles and times, and never a token or a hash', async () => {
    const list = await token('list');
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^id\s+person\s+role\s+created\s+revoked$/);
    expect(list.stdout.match(/\n[0-9a-f]{12}\s+raj\s+writer/g)).toHaveLength(2);
    const json = JSON.parse((await token('list', '--json')).stdout) as { tokens: Record<string, unknown>[] };
    expect(json.tokens).toHaveLength(3);
    for (const row of json.tokens) expect(Object.keys(row).sort()).toEqual(['created_at', 'id', 'person', 'revoked_at', 'role']);
  });

  it('revokes one token by id, then every token of a person, keeping the entries', async () => {
    const { tokens } = readUsersFile(usersFile);
    const ana = tokens.find((t) => t.person === 'ana')!;
    const one = await token('revoke', ana.id);
    expect(one.code).toBe(0);
    expect(readUsersFile(usersFile).tokens.find((t) => t.id === ana.id)!.revoked_at).not.toBeNull();
    const again = await token('revoke', ana.id);
    expect(again.stderr).toMatch(/already revoked/);
    const all = await token('revoke', 'raj', '--all-of');
    expect(all.stderr).toMatch(/Revoked [0-9a-f]{12} \(raj\), [0-9a-f]{12} \(raj\)/);
    const after = readUsersFile(usersFile).tokens;
    expect(after).toHaveLength(3);
    expect(after.every((t) => t.revoked_at !== null)).toBe(true);
    const missing = await token('revoke', '0123456789ab');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/has no token "0123456789ab"/);
    const notId = await token('revoke', 'ana');
    expect(notId.stderr).toMatch(/is not a token id .* for a person use --all-of/);
  });
});
