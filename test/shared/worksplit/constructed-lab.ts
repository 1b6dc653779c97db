// A small lab whose split is known by construction. Every expected number in the tests is worked
// out by hand from this table (ISO weeks of 2026, Monday first; today is Wednesday 21 Oct, W43):
//
//   week  days             p-crit-a (infra)  p-expl-b (model)       p-expl-c (data)        p-crit-d (data)
//   W38   Sep 14–20        lee 1.0, ana 0.5  ana 0.6, raj 0.2       —                      —
//   W39   Sep 21–27        full              full                   created Thu: 4/7 days  —
//   W40   Sep 28–Oct 4     full              full                   full                   created Thu: 4/7 days
//   W41   Oct 5–11         full              dropped Thu: 3/7 days  full                   full (raj 0.3, kim 0.3)
//   W42   Oct 12–18        full              —                      parked Wed: 2/7 days   full
//   W43   Oct 19–21 (3/7)  3/7               —                      —                      3/7
//
// Phases: Scale-up ends Wed 30 Sep, Pre-launch de-risking starts Thu 1 Oct, so W40 has 3 days
// of one and 4 of the other and belongs to Pre-launch.
import type { SplitPerson, SplitPhase, SplitProposal, SplitRun, WorkSplitInput } from '../../../shared/worksplit';

export const TODAY = '2026-10-21';

export const people: SplitPerson[] = [
  { id: 'ana', name: 'Ana Ruiz', area: 'model' },
  { id: 'raj', name: 'Raj Patel', area: 'data' },
  { id: 'lee', name: 'Lee Chen', area: 'infra' },
  { id: 'kim', name: 'Kim Park', area: 'eval' },
];

export const phases: SplitPhase[] = [
  { name: 'Scale-up', start: '2026-07-01', end: '2026-09-30', target_exploratory: 0.5 },
  { name: 'Pre-launch de-risking', start: '2026-10-01', end: '2026-11-30', target_exploratory: 0.2 },
];

export const proposals: SplitProposal[] = [
  {
    id: 'p-crit-a', title: 'Fix loss spikes at 8k context', area: 'infra', kind: 'critical-path', owner: 'lee',
    created: '2026-09-14', people: [{ id: 'lee', share: 1.0 }, { id: 'ana', share: 0.5 }], status: 'active',
  },
  {
    id: 'p-expl-b', title: 'Multi-token prediction head', area: 'model', kind: 'exploratory', owner: 'ana',
    created: '2026-09-14', people: [{ id: 'ana', share: 0.6 }, { id: 'raj', share: 0.2 }],
    endedAt: '2026-10-08T15:00:00Z', status: 'dropped',
  },
  {
    id: 'p-expl-c', title: 'Synthetic math mixture', area: 'data', kind: 'exploratory',
    created: '2026-09-24', people: [{ id: 'raj', share: 0.5 }],
    endedAt: '2026-10-14T09:30:00Z', status: 'inconclusive',
  },
  {
    id: 'p-crit-d', title: 'Dedup the web-v5 shards', area: 'data', kind: 'critical-path', owner: 'raj',
    created: '2026-10-01', people: [{ id: 'raj', share: 0.3 }, { id: 'kim', share: 0.3 }], status: 'active',
  },
];

// Chip-hours by week, by hand:
//   r-1 700 on p-crit-a, exactly Mon 14 Sep → Mon 21 Sep:   W38 critical 700
//   r-2 1400 on p-expl-b, Fri 25 Sep → Fri 2 Oct (7 days):  W39 exploratory 600 (3 days), W40 800 (4 days)
//   r-3 300 on p-crit-d, only created Tue 6 Oct:             W41 critical 300
//   r-4 200 on p-expl-c, running, updated the same Monday:    W41 exploratory 200
//   r-5 500 on no proposal, r-6 50 on an unknown proposal:   unclassified 550
export const runs: SplitRun[] = [
  { id: 'r-1', proposal: 'p-crit-a', owner: 'lee', chipHours: 700, createdAt: '2026-09-14T00:00:00Z', finishedAt: '2026-09-21T00:00:00Z' },
  { id: 'r-2', proposal: 'p-expl-b', chipHours: 1400, createdAt: '2026-09-25T00:00:00Z', finishedAt: '2026-10-02T00:00:00Z' },
  { id: 'r-3', proposal: 'p-crit-d', owner: 'kim', chipHours: 300, createdAt: '2026-10-06T12:00:00Z' },
  { id: 'r-4', proposal: 'p-expl-c', chipHours: 200, createdAt: '2026-10-05T00:00:00Z', updatedAt: '2026-10-05T12:00:00Z' },
  { id: 'r-5', chipHours: 500, createdAt: '2026-10-13T08:00:00Z', finishedAt: '2026-10-13T20:00:00Z' },
  { id: 'r-6', proposal: 'p-gone', chipHours: 50, createdAt: '2026-10-13T08:00:00Z' },
];

export const constructedLab: WorkSplitInput = { proposals, runs, people, phases };
