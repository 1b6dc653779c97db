// A person token matches its own entry only: not with one character changed, cut, extended, under
// another entry's id, or once revoked.
import { describe, expect, it } from 'vitest';
import { issuePersonToken, personTokenId, personTokenMatches } from '../../electron/server/access/person-tokens';
import { parseUsersFile } from '../../electron/server/access/users-file';

describe('person tokens', () => {
  const { token, entry } = issuePersonToken('ana', 'writer', new Date('2026-11-20T10:00:00Z'));
  const other = issuePersonToken('raj', 'viewer');

  it('match exactly their own entry', () => {
    expect(personTokenMatches(token, entry)).toBe(true);
    expect(personTokenId(token)).toBe(entry.id);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    for (const wrong of [token.slice(0, -1) + last, token.slice(0, -1), `${token}A`, ` ${token}`, token.toUpperCase(), '', 'tsr_', other.token]) {
      expect(personTokenMatches(wrong, entry), wrong).toBe(false);
    }
    // Another entry's secret under this entry's id.
    expect(personTokenMatches(`tsr_${entry.id}_${other.token.slice(17)}`, entry)).toBe(false);
    expect(personTokenMatches(token, { ...entry, revoked_at: '2026-11-21T00:00:00Z' })).toBe(false);
  });

  it('are read back from a users file, which says where a bad entry is and what was expected', () => {
    const file = JSON.stringify({ format: 'tessera-users', version: 1, tokens: [entry, other.entry] });
    expect(parseUsersFile(file, 'users.json').tokens.map((t) => t.person)).toEqual(['ana', 'raj']);
    expect(() => parseUsersFile(JSON.stringify({ format: 'tessera-users', version: 1, tokens: [entry, entry] }), 'u.json')).toThrow(`u.json: tokens[1].id: token ${entry.id} is listed twice.`);
    expect(() => parseUsersFile(JSON.stringify({ format: 'tessera-users', version: 1, tokens: [{ ...entry, role: 'admin' }] }), 'u.json')).toThrow(/u\.json: tokens\[0\]\.role: /);
    expect(() => parseUsersFile('{"format": "tessera-users", "version": 2, "tokens": []}', 'u.json')).toThrow(/u\.json: version: /);
    expect(() => parseUsersFile('{', 'u.json')).toThrow(/u\.json: not valid JSON/);
  });
});
