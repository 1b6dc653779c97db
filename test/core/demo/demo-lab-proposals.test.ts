// Proposals, decisions and the team's load look like a real team's: every status, both kinds,
// statuses that agree with the latest decisions, an over-committed and an under-used person.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoLabSummary } from '../../../electron/core/demo/index';
import { AS_OF, generateSmallLab, listFiles, readEvent, readProposal, readRuns, readYaml, removeTemporaryDirs } from './read-demo-lab';
import type { AblationYaml, LabEventJson, LabRun, ProposalFront, TeamYaml } from './read-demo-lab';

afterAll(removeTemporaryDirs);

const DAY_MS = 86_400_000;
const STATUS_OF_DECISION: Record<string, string> = { adopt: 'adopted', drop: 'dropped', park: 'inconclusive', continue: 'active' };

let lab: DemoLabSummary;
let proposals: { front: ProposalFront; body: string }[];
let events: LabEventJson[];
let runs: LabRun[];
let team: TeamYaml;
beforeAll(async () => {
  lab = await generateSmallLab('proposals');
  proposals = listFiles(path.join(lab.root, 'proposals')).map(readProposal);
  events = listFiles(path.join(lab.root, 'events')).map(readEvent);
  runs = readRuns(lab.root);
  team = readYaml<TeamYaml>(path.join(lab.root, 'team.yaml'));
});

const latestDecision = (id: string) =>
  events
    .filter((e) => e.type === 'decision' && e.target === id)
    .sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1))
    .pop();

/** Ended by adopt, drop or park as the latest decision at or before the instant. */
function activeAt(front: ProposalFront, ms: number): boolean {
  if (Date.parse(front.created) > ms) return false;
  const decided = events.filter((e) => e.type === 'decision' && e.target === front.id && Date.parse(e.at) <= ms).sort((a, b) => (a.at < b.at ? -1 : 1));
  const last = decided[decided.length - 1];
  return !last || last.decision === 'continue';
}

function loadsAt(ms: number): Map<string, number> {
  const load = new Map<string, number>(team.people.map((p) => [p.id, 0]));
  for (const { front } of proposals) if (activeAt(front, ms)) for (const p of front.people) load.set(p.id, load.get(p.id)! + p.share);
  return load;
}

function exploratoryShareAt(ms: number): number {
  let exploratory = 0;
  let total = 0;
  for (const { front } of proposals) {
    if (!activeAt(front, ms)) continue;
    const share = front.people.reduce((s, p) => s + p.share, 0);
    total += share;
    if (front.kind === 'exploratory') exploratory += share;
  }
  return exploratory / total;
}

describe('demo lab proposals', () => {
  it('has at least 25 proposals over all areas, both kinds and every status, created in both phases', () => {
    expect(proposals.length).toBeGreaterThanOrEqual(25);
    expect(lab.proposals).toBe(proposals.length);
    const fronts = proposals.map((p) => p.front);
    expect(new Set(fronts.map((f) => f.area))).toEqual(new Set(team.areas));
    expect(new Set(fronts.map((f) => f.kind))).toEqual(new Set(['critical-path', 'exploratory']));
    expect(new Set(fronts.map((f) => f.status))).toEqual(new Set(['proposed', 'active', 'promising', 'inconclusive', 'adopted', 'dropped']));
    const [scaleUp, preLaunch] = team.phases;
    expect(fronts.some((f) => f.created >= scaleUp.start && f.created <= scaleUp.end)).toBe(true);
    expect(fronts.some((f) => f.created >= preLaunch.start)).toBe(true);
    expect(fronts.filter((f) => f.expected).length).toBeGreaterThan(proposals.length / 2);
  });

  it('sets every status the way the latest decision says, and leaves proposed and promising ones undecided', () => {
    for (const { front } of proposals) {
      const latest = latestDecision(front.id);
      if (latest) expect(front.status, front.id).toBe(STATUS_OF_DECISION[latest.decision!]);
      else expect(['proposed', 'active', 'promising'], front.id).toContain(front.status);
      for (const e of events.filter((ev) => ev.target === front.id)) expect(e.at.slice(0, 10) >= front.created, `${front.id} ${e.id}`).toBe(true);
    }
    expect(new Set(events.filter((e) => e.type === 'decision').map((e) => e.decision))).toEqual(new Set(['adopt', 'drop', 'park', 'continue']));
  });

  it('decides ablation-backed proposals only after their finished runs', () => {
    const ablations = listFiles(path.join(lab.root, 'ablations')).map((f) => readYaml<AblationYaml>(f));
    for (const a of ablations) {
      const ending = events.filter((e) => e.type === 'decision' && e.target === a.proposal && e.decision !== 'continue');
      const lastFinished = Math.max(...runs.filter((r) => r.run.ablation === a.id && r.status.state === 'finished').map((r) => Date.parse(r.status.updated_at)));
      for (const e of ending) expect(Date.parse(e.at), `${a.proposal} ${e.decision}`).toBeGreaterThan(lastFinished);
    }
  });

  it('links runs of both kinds of proposal, so the compute split has both sides', () => {
    const kindOf = new Map(proposals.map((p) => [p.front.id, p.front.kind]));
    const hours = { 'critical-path': 0, exploratory: 0 } as Record<string, number>;
    for (const r of runs) if (r.run.proposal) hours[kindOf.get(r.run.proposal)!] += r.run.compute.chip_hours;
    expect(hours['critical-path']).toBeGreaterThan(0);
    expect(hours.exploratory).toBeGreaterThan(0);
    expect(runs.some((r) => !r.run.proposal)).toBe(true);
  });

  it('has one person over 100 % and one under 50 % today, and less exploration now than in the scale-up phase', () => {
    const now = loadsAt(AS_OF.getTime());
    expect(now.get('ana')).toBeGreaterThan(1.0001);
    expect([...now.values()].some((l) => l < 0.5)).toBe(true);
    expect([...now.values()].filter((l) => l >= 0.5 && l <= 1.0001).length).toBeGreaterThan(team.people.length / 2);
    const [scaleUp] = team.phases;
    const midScaleUp = (Date.parse(scaleUp.start) + Date.parse(scaleUp.end)) / 2 + 20 * DAY_MS;
    expect(exploratoryShareAt(midScaleUp)).toBeGreaterThan(exploratoryShareAt(AS_OF.getTime()));
    expect(exploratoryShareAt(AS_OF.getTime())).toBeGreaterThan(0.1);
  });
});

describe('demo lab events', () => {
  it('holds decisions, comments on proposals, ablations and runs, and a complexity re-assessment', () => {
    const ids = new Set([...proposals.map((p) => p.front.id), ...runs.map((r) => r.id), ...listFiles(path.join(lab.root, 'ablations')).map((f) => path.basename(f, '.yaml'))]);
    for (const e of events) if (e.target) expect(ids.has(e.target), `${e.id} → ${e.target}`).toBe(true);
    const comments = events.filter((e) => e.type === 'comment');
    expect(comments.some((e) => e.target!.startsWith('p-'))).toBe(true);
    expect(comments.some((e) => e.target!.startsWith('abl-'))).toBe(true);
    expect(comments.some((e) => e.target!.startsWith('r-'))).toBe(true);
    const reassessment = events.find((e) => e.type === 'complexity')!;
    expect(reassessment.target).toMatch(/^p-/);
    expect(Object.keys(reassessment.complexity!).sort()).toEqual(['code', 'infra', 'knobs', 'risk', 'usability_tax']);
    const original = proposals.find((p) => p.front.id === reassessment.target)!.front.complexity;
    expect(reassessment.complexity).not.toEqual(original);
  });

  it('has its latest weekly review about a week before asOf, with activity since then for the next digest', () => {
    const reviews = events.filter((e) => e.type === 'review').sort((a, b) => (a.at < b.at ? -1 : 1));
    expect(reviews.length).toBeGreaterThanOrEqual(1);
    const last = reviews[reviews.length - 1];
    const daysBefore = (AS_OF.getTime() - Date.parse(last.at)) / DAY_MS;
    expect(daysBefore).toBeGreaterThan(6);
    expect(daysBefore).toBeLessThan(8);
    const since = events.filter((e) => e.at > last.at);
    expect(since.some((e) => e.type === 'decision')).toBe(true);
    expect(since.some((e) => e.type === 'comment')).toBe(true);
  });
});
