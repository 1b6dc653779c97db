// Issues about a source's documents (a run's mapped fields, MLflow meta.yaml) are found again on
// every pass from cheap inputs; the cache is only written when they differ from what it holds, so
// a pass that changed nothing tells the app nothing changed.
import type { SyncIssue } from '../../store/sync-issue';
import { inTransaction } from '../sync-context';
import { isSourceStreamKind, type SourceSyncContext } from './source-sync-context';

const keyOf = (i: SyncIssue) => JSON.stringify([i.path, i.line, i.code, i.message, i.expected]);

export function reconcileDocumentIssues(ctx: SourceSyncContext): void {
  const streamPaths = new Set([...ctx.files.known.values()].filter((r) => isSourceStreamKind(r.kind)).map((r) => r.path));
  const held = (ctx.sqlite.prepare('SELECT path, line, code, message, expected FROM sync_issues').all() as SyncIssue[]).filter(
    (issue) => !streamPaths.has(issue.path),
  );
  const wanted = ctx.documentIssues.filter((issue) => !streamPaths.has(issue.path));
  const same = held.length === wanted.length && JSON.stringify(held.map(keyOf).sort()) === JSON.stringify(wanted.map(keyOf).sort());
  if (same) return;
  const byPath = new Map<string, SyncIssue[]>();
  for (const issue of held) byPath.set(issue.path, []);
  for (const issue of wanted) byPath.set(issue.path, [...(byPath.get(issue.path) ?? []), issue]);
  inTransaction(ctx.sqlite, () => {
    for (const [path, issues] of byPath) ctx.files.replaceIssues(path, issues);
  });
  ctx.tally.issues = true;
}
