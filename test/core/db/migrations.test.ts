// Migrating a cache that an older Tessera filled: rows stay as they were and what the new migration
// adds is backfilled from them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCacheDatabase } from '../../../electron/core/db/open-cache-database';
import { migrationTags, migrationsDir, migrationsUpTo } from './migration-steps';

function tempDb(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-migrate-')), 'cache.sqlite');
}

function fillOlderCache(file: string, migrationCount: number): void {
  const cache = openCacheDatabase({ file, migrationsDir: migrationsUpTo(migrationCount) });
  const run = cache.sqlite.prepare(
    `INSERT INTO runs (id, name, created_at, owner, group_name, config_json, tags_json, raw_json, synced_at, point_count, last_step)
     VALUES (?, ?, '2026-10-01T00:00:00Z', 'ana', 'ladder-v3', ?, '["ladder"]', '{}', '2026-10-02T00:00:00Z', 120, 1200)`,
  );
  run.run('r-1', 'ladder 1.1B', JSON.stringify({ lr: 3e-4, optimizer: 'lionheart' }));
  run.run('r-2', 'ladder 2.2B', JSON.stringify({ lr: 1e-4, optimizer: 'adamw' }));
  cache.sqlite
    .prepare(
      `INSERT INTO proposals (id, title, owner, area, kind, declared_status, status, created, front_matter_json, body, file)
       VALUES ('p-1', 'Multi-token prediction head', 'ana', 'model', 'exploratory', 'active', 'dropped', '2026-09-14', ?, ?, 'proposals/p-1.md')`,
    )
    .run(JSON.stringify({ id: 'p-1', title: 'Multi-token prediction head', compute_budget: { chip_hours: 20000 } }), 'Two extra heads predict the quokka tokens.');
  cache.sqlite
    .prepare(`INSERT INTO ablations (id, title, question, raw_json, file) VALUES ('abl-1', 'MTP with 2 heads', 'Does it hold at scale?', '{}', 'ablations/abl-1.yaml')`)
    .run();
  const event = cache.sqlite.prepare('INSERT INTO events (id, at, author, type, target, payload_json, file) VALUES (?, ?, ?, ?, ?, ?, ?)');
  event.run('01A', '2026-11-20T10:00:00Z', 'raj', 'decision', 'p-1', JSON.stringify({ decision: 'drop', rationale: 'Gain vanishes above 1B.' }), 'events/2026/11/01A.json');
  event.run('01B', '2026-11-21T10:00:00Z', 'kim', 'comment', 'r-2', JSON.stringify({ text: 'Loss spike at step 900.' }), 'events/2026/11/01B.json');
  event.run('01C', '2026-11-22T10:00:00Z', 'kim', 'complexity', 'p-1', JSON.stringify({ complexity: { code: 2 } }), 'events/2026/11/01C.json');
  cache.close();
}

function matches(sqlite: import('better-sqlite3').Database, word: string): string[] {
  return (
    sqlite
      .prepare(`SELECT d.kind || ':' || d.ref AS hit FROM search_index JOIN search_docs AS d ON d.doc = search_index.rowid WHERE search_index MATCH ? ORDER BY hit`)
      .all(`"${word}"`) as { hit: string }[]
  ).map((row) => row.hit);
}

describe('migration 0002_search_index on a filled cache', () => {
  const before = migrationTags().indexOf('0002_search_index');

  it('is preceded by older migrations the helper can stop at', () => {
    expect(before).toBeGreaterThan(0);
    const dir = migrationsUpTo(before);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.sql'))).toHaveLength(before);
  });

  it('keeps every row and backfills the search index from proposals, decisions, comments, ablations and runs', () => {
    const file = tempDb();
    fillOlderCache(file, before);
    const older = openCacheDatabase({ file, migrationsDir: migrationsUpTo(before), migrate: false });
    const runsBefore = older.sqlite.prepare('SELECT * FROM runs ORDER BY pk').all();
    const proposalsBefore = older.sqlite.prepare('SELECT * FROM proposals').all();
    const hasIndex = older.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'search_index'").get() as { n: number };
    older.close();
    expect(hasIndex.n).toBe(0);

    const cache = openCacheDatabase({ file, migrationsDir });
    try {
      // Later migrations may add columns; the ones the runs had keep their values.
      const oldColumns = Object.keys(runsBefore[0] as object);
      const runsAfter = cache.sqlite.prepare('SELECT * FROM runs ORDER BY pk').all() as Array<Record<string, unknown>>;
      expect(runsAfter.map((row) => Object.fromEntries(oldColumns.map((c) => [c, row[c]])))).toEqual(runsBefore);
      expect(cache.sqlite.prepare('SELECT * FROM proposals').all()).toEqual(proposalsBefore);
      expect(cache.sqlite.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 3 });

      expect(matches(cache.sqlite, 'quokka')).toEqual(['proposal:p-1']);
      expect(matches(cache.sqlite, 'chip_hours')).toEqual(['proposal:p-1']);
      expect(matches(cache.sqlite, 'vanishes')).toEqual(['decision:01A']);
      expect(matches(cache.sqlite, 'spike')).toEqual(['comment:01B']);
      expect(matches(cache.sqlite, 'scale')).toEqual(['ablation:abl-1']);
      expect(matches(cache.sqlite, 'lionheart')).toEqual(['run:r-1']);
      expect(matches(cache.sqlite, 'ladder')).toEqual(['run:r-1', 'run:r-2']);
      // The complexity event has no text to find: it is not indexed.
      expect(cache.sqlite.prepare('SELECT kind, count(*) AS n FROM search_docs GROUP BY kind ORDER BY kind').all()).toEqual([
        { kind: 'ablation', n: 1 },
        { kind: 'comment', n: 1 },
        { kind: 'decision', n: 1 },
        { kind: 'proposal', n: 1 },
        { kind: 'run', n: 2 },
      ]);
    } finally {
      cache.close();
    }
  });

  it('keeps the backfilled index current: an edited run is found by its new text only, a removed one not at all', () => {
    const file = tempDb();
    fillOlderCache(file, before);
    const cache = openCacheDatabase({ file, migrationsDir });
    try {
      cache.sqlite.prepare("UPDATE runs SET config_json = ? WHERE id = 'r-1'").run(JSON.stringify({ optimizer: 'sophia' }));
      cache.sqlite.prepare("DELETE FROM runs WHERE id = 'r-2'").run();
      expect(matches(cache.sqlite, 'lionheart')).toEqual([]);
      expect(matches(cache.sqlite, 'sophia')).toEqual(['run:r-1']);
      expect(matches(cache.sqlite, 'ladder')).toEqual(['run:r-1']);
    } finally {
      cache.close();
    }
  });

  it('a second open applies nothing again and the index stays the same size', () => {
    const file = tempDb();
    fillOlderCache(file, before);
    openCacheDatabase({ file, migrationsDir }).close();
    const cache = openCacheDatabase({ file, migrationsDir });
    try {
      expect(cache.sqlite.prepare('SELECT count(*) AS n FROM search_index').get()).toEqual({ n: 6 });
      expect(cache.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: migrationTags().length });
    } finally {
      cache.close();
    }
  });
});
