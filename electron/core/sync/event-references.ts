// Events name what they are about (a proposal, an ablation, a run) and who wrote them (a person of
// team.yaml). One naming nothing the store defines is kept, as the team wrote it, but is a sync issue,
// so a typo or a decision on a proposal of another lab does not go unnoticed. Checked at the end of
// every pass, over the whole cache, because the proposal or person may appear or go in any later pass.
import type Database from 'better-sqlite3';
import type { SyncIssue } from '../store/sync-issue';
import { inTransaction } from './sync-context';

const CODES = ['unknown-target', 'unknown-author'] as const;

const IS_PROPOSAL = 'EXISTS (SELECT 1 FROM proposals WHERE id = e.target)';
const IS_ANY = `${IS_PROPOSAL} OR EXISTS (SELECT 1 FROM ablations WHERE id = e.target) OR EXISTS (SELECT 1 FROM runs WHERE id = e.target)`;

/** The issues the cache's events should have now. */
function wantedIssues(sqlite: Database.Database): SyncIssue[] {
  const targets = sqlite
    .prepare(
      `SELECT e.file, e.type, e.target FROM events AS e
       WHERE e.target IS NOT NULL AND NOT (CASE WHEN e.type IN ('decision', 'complexity') THEN ${IS_PROPOSAL} ELSE ${IS_ANY} END)`,
    )
    .all() as { file: string; type: string; target: string }[];
  // Without team.yaml's people every author would be unknown: authors are only checked against a team.
  const authors = sqlite
    .prepare(
      `SELECT e.file, e.author FROM events AS e
       WHERE e.author IS NOT NULL AND EXISTS (SELECT 1 FROM people) AND NOT EXISTS (SELECT 1 FROM people WHERE id = e.author)`,
    )
    .all() as { file: string; author: string }[];
  const onProposal = (type: string) => type === 'decision' || type === 'complexity';
  return [
    ...targets.map(({ file, type, target }): SyncIssue => ({
      path: file,
      line: null,
      code: 'unknown-target',
      message: `The ${type} is about "${target}", which is no ${onProposal(type) ? 'proposal' : 'proposal, ablation or run'} of this store.`,
      expected: onProposal(type) ? 'the id of a proposal in proposals/' : 'the id of a proposal, ablation or run of the store',
    })),
    ...authors.map(({ file, author }): SyncIssue => ({
      path: file,
      line: null,
      code: 'unknown-author',
      message: `The author "${author}" is not a person of team.yaml.`,
      expected: 'the id of a person in team.yaml',
    })),
  ];
}

const keyOf = (issue: Pick<SyncIssue, 'path' | 'code' | 'message'>) => `${issue.path}\u0000${issue.code}\u0000${issue.message}`;

/** Brings the events' reference issues in line with the cache; says whether anything changed. */
export function reconcileEventReferences(sqlite: Database.Database, now: string): boolean {
  const wanted = wantedIssues(sqlite);
  const held = sqlite.prepare(`SELECT path, code, message FROM sync_issues WHERE code IN (${CODES.map(() => '?').join(', ')})`).all(...CODES) as SyncIssue[];
  const wantedKeys = new Set(wanted.map(keyOf));
  if (held.length === wanted.length && held.every((issue) => wantedKeys.has(keyOf(issue)))) return false;
  inTransaction(sqlite, () => {
    sqlite.prepare(`DELETE FROM sync_issues WHERE code IN (${CODES.map(() => '?').join(', ')})`).run(...CODES);
    const insert = sqlite.prepare('INSERT INTO sync_issues (path, line, code, message, expected, seen_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const issue of wanted) insert.run(issue.path, issue.line, issue.code, issue.message, issue.expected, now);
  });
  return true;
}
