// A SQLite cache whose work split is known by construction, written row by row as the sync would
// leave it. Every expected number in the tests is worked out by hand from this table (ISO weeks
// of 2026, Monday first; today is Wednesday 21 Oct, W43, so 3 of its 7 days have passed):
//
//   week  days            p-a crit (infra)   p-b expl (model)         p-c expl (data)      p-d crit (data)
//   W38   Sep 14–20       lee 1.0, ana 0.5   ana 0.6, raj 0.2         —                    —
//   W39   Sep 21–27       full               full                     created Thu: 4/7     —
//   W40   Sep 28–Oct 4    full               full                     full                 created Thu: 4/7, raj 0.3
//   W41   Oct 5–11        full               dropped Thu 8th: 3/7     full                 full
//   W42   Oct 12–18       full               —                        full                 full
//   W43   Oct 19–21       3/7                —                        3/7                  3/7
//
// Ana is on p-a (0.5) and p-b (0.6) at once: 1.1, over-committed, until p-b is dropped in the
// middle of the Pre-launch phase. p-c was parked and then continued, so it never ended.
// Phases: Scale-up ends Wed 30 Sep, Pre-launch starts Thu 1 Oct, so W40 belongs to Pre-launch.
import path from 'node:path';
import { openCacheDatabase } from '../../../electron/core/db/open-cache-database';

export const TODAY = '2026-10-21';
export const migrationsDir = path.resolve(__dirname, '..', '..', '..', 'migrations');

const SYNCED = '2026-10-21T08:00:00.000Z';

export interface ProposalFixture {
  id: string;
  title: string;
  owner: string | null;
  area: string | null;
  kind: string | null;
  status: string;
  created: string;
  people: { id: string; share?: number }[];
}

const proposals: ProposalFixture[] = [
  { id: 'p-a', title: 'Fix loss spikes at 8k context', owner: 'lee', area: 'infra', kind: 'critical-path', status: 'active', created: '2026-09-14', people: [{ id: 'lee', share: 1.0 }, { id: 'ana', share: 0.5 }] },
  { id: 'p-b', title: 'Multi-token prediction head', owner: 'ana', area: 'model', kind: 'exploratory', status: 'dropped', created: '2026-09-14', people: [{ id: 'ana', share: 0.6 }, { id: 'raj', share: 0.2 }] },
  // Written as a time in another zone: 09:00 at +02:00 is still Thursday 24 Sep in UTC.
  { id: 'p-c', title: 'Synthetic math mixture', owner: null, area: 'data', kind: 'exploratory', status: 'active', created: '2026-09-24T09:00:00+02:00', people: [{ id: 'raj', share: 0.5 }] },
  { id: 'p-d', title: 'Dedup the web-v5 shards', owner: 'raj', area: 'data', kind: 'critical-path', status: 'active', created: '2026-10-01', people: [{ id: 'raj', share: 0.3 }] },
];

const decisions = [
  { id: '01JA0000000000000000000001', target: 'p-b', at: '2026-10-08T15:00:00.000Z', decision: 'drop' },
  { id: '01JA0000000000000000000002', target: 'p-c', at: '2026-10-10T09:00:00.000Z', decision: 'park' },
  { id: '01JA0000000000000000000003', target: 'p-c', at: '2026-10-12T09:00:00.000Z', decision: 'continue' },
];

// Chip-hours by week, by hand:
//   r-1 700 on p-a, finished: Mon 14 Sep → Mon 21 Sep 00:00      W38 critical 700
//   r-2 1400 on p-b, killed: Fri 25 Sep → Fri 2 Oct (7 days)     W39 exploratory 600, W40 800
//   r-3 300 on p-d, no status, created "2026-10-06 12:00:00"      W41 critical 300
//   r-4 200 on p-c, running: Sun 11 Oct 12:00 → Mon 12 Oct 12:00  W41 exploratory 100, W42 100
//   r-5 500 on no proposal                                        unclassified 500
//   r-6 on p-a with no chip-hours                                 nothing
const runs = [
  { id: 'r-1', proposal: 'p-a', owner: 'lee', chipHours: 700, createdAt: '2026-09-14T00:00:00Z', state: 'finished', stateUpdatedAt: '2026-09-21T00:00:00Z' },
  { id: 'r-2', proposal: 'p-b', owner: null, chipHours: 1400, createdAt: '2026-09-25T00:00:00Z', state: 'killed', stateUpdatedAt: '2026-10-02T00:00:00Z' },
  { id: 'r-3', proposal: 'p-d', owner: 'raj', chipHours: 300, createdAt: '2026-10-06 12:00:00', state: null, stateUpdatedAt: null },
  { id: 'r-4', proposal: 'p-c', owner: 'raj', chipHours: 200, createdAt: '2026-10-11T12:00:00Z', state: 'running', stateUpdatedAt: '2026-10-12T12:00:00Z' },
  { id: 'r-5', proposal: null, owner: 'kim', chipHours: 500, createdAt: '2026-10-13T08:00:00Z', state: 'finished', stateUpdatedAt: '2026-10-13T20:00:00Z' },
  { id: 'r-6', proposal: 'p-a', owner: 'lee', chipHours: null, createdAt: '2026-10-14T08:00:00Z', state: 'failed', stateUpdatedAt: '2026-10-14T09:00:00Z' },
];

// team.yaml order: ana, raj, lee (the person table follows it); kim is in no proposal.
const people = [
  { id: 'ana', name: 'Ana Ruiz', area: 'model' },
  { id: 'raj', name: 'Raj Patel', area: 'data' },
  { id: 'lee', name: 'Lee Chen', area: 'infra' },
  { id: 'kim', name: 'Kim Park', area: 'eval' },
];

const phases = [
  { name: 'Scale-up', start: '2026-07-01', end: '2026-09-30', target: 0.5 },
  { name: 'Pre-launch de-risking', start: '2026-10-01', end: '2026-11-30', target: 0.2 },
];

/** The lab itself, for writing it as a lab store too (split-store-fixture.ts). */
export const splitLab = { proposals, decisions, runs, people, phases };

export interface SplitCacheExtras {
  /** Extra proposals, e.g. broken ones, inserted after the four above. */
  proposals?: ProposalFixture[];
  withoutPhases?: boolean;
}

/** Writes the constructed lab into a fresh cache at `file` and closes it. */
export function writeSplitCache(file: string, extras: SplitCacheExtras = {}): void {
  const cache = openCacheDatabase({ file, migrationsDir });
  const { sqlite } = cache;
  const insertProposal = sqlite.prepare(
    `INSERT INTO proposals (id, title, owner, area, kind, declared_status, status, created, people_json, front_matter_json, file)
     VALUES (@id, @title, @owner, @area, @kind, @status, @status, @created, @peopleJson, '{}', @file)`,
  );
  for (const p of [...proposals, ...(extras.proposals ?? [])]) {
    insertProposal.run({ ...p, peopleJson: JSON.stringify(p.people), file: `proposals/${p.id}.md` });
  }
  const insertEvent = sqlite.prepare(
    `INSERT INTO events (id, at, author, type, target, payload_json, file) VALUES (?, ?, 'ana', 'decision', ?, ?, ?)`,
  );
  for (const d of decisions) {
    const payload = { id: d.id, at: d.at, author: 'ana', type: 'decision', target: d.target, decision: d.decision, rationale: 'Known by construction.' };
    insertEvent.run(d.id, d.at, d.target, JSON.stringify(payload), `events/2026/10/${d.id}.json`);
  }
  // A comment on p-a must not be read as a decision.
  sqlite
    .prepare(`INSERT INTO events (id, at, type, target, payload_json, file) VALUES ('01JA0000000000000000000009', '2026-09-20T10:00:00.000Z', 'comment', 'p-a', ?, 'events/2026/09/c.json')`)
    .run(JSON.stringify({ type: 'comment', text: 'drop everything?' }));
  const insertRun = sqlite.prepare(
    `INSERT INTO runs (id, created_at, owner, proposal, chip_hours, state, state_updated_at, raw_json, synced_at)
     VALUES (@id, @createdAt, @owner, @proposal, @chipHours, @state, @stateUpdatedAt, '{}', '${SYNCED}')`,
  );
  for (const r of runs) insertRun.run(r);
  const insertPerson = sqlite.prepare(`INSERT INTO people (id, name, area, raw_json) VALUES (@id, @name, @area, '{}')`);
  for (const p of people) insertPerson.run(p);
  if (!extras.withoutPhases) {
    const insertPhase = sqlite.prepare(`INSERT INTO phases (name, start, "end", target_exploratory, ord) VALUES (?, ?, ?, ?, ?)`);
    // Inserted last-first: the order comes from `ord`, as in team.yaml.
    [...phases].reverse().forEach((ph) => insertPhase.run(ph.name, ph.start, ph.end, ph.target, phases.indexOf(ph)));
  }
  cache.close();
}
