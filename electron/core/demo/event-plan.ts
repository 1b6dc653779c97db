// events/: decisions, comments, complexity re-assessments and weekly reviews, as the app would have
// written them over the months before asOf.
import type { LabClock } from './lab-clock';
import { HOUR_MS, isoInstant } from './lab-clock';
import { LADDER_RESTART_KEY } from './ladder-plan';
import { PROPOSALS } from './proposal-catalog';
import type { Complexity, EventTime } from './proposal-spec';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import type { RunPlan } from './run-plan';
import { DIVERGED_SWEEP_KEY, KILLED_SWEEP_KEY } from './sweep-plan';
import { encodeUlid } from './ulid';

export interface LabEvent {
  id: string;
  at: string;
  author: string;
  type: 'decision' | 'comment' | 'complexity' | 'review';
  target?: string;
  decision?: string;
  rationale?: string;
  text?: string;
  complexity?: Record<string, number>;
  notes?: string;
}

type Draft = Omit<LabEvent, 'id' | 'at'> & { atMs: number };

/** Weekly reviews on the same weekday, the last one a week before asOf. */
const REVIEW_DAYS = Array.from({ length: 17 }, (_, i) => -119 + 7 * i);
const REVIEW_NOTES: Record<number, string> = {
  [-35]: 'First review of the de-risking phase: exploratory work goes down to 20 %.',
  [-28]: 'Muon dropped after the crossing at 708M; ladder v3 budget extended for the 3B points.',
  [-21]: 'μP gain grows with size; 1.46B seeds queued. FP8 started.',
  [-14]: 'Quality filter and 4M batch look promising; both need their largest size.',
  [-7]: 'MTP-2 adopted. Next: μP at 1.46B, FP8 at 1.46B, the rephrasing decision.',
};

const ABLATION_COMMENTS: { target: string; at: EventTime; author: string; text: string }[] = [
  { target: 'abl-006', at: { day: -31, hour: 10 }, author: 'ana', text: 'Crossing point between 302M and 708M: −0.002 at 302M, +0.002 at 708M.' },
  { target: 'abl-008', at: { day: -45, hour: 17 }, author: 'omar', text: 'The baseline spiked at 708M in both seeds; the z-loss runs have none.' },
  { target: 'abl-009', at: { day: -41, hour: 12 }, author: 'sara', text: 'Public evals agree with each other and disagree with held-out C4.' },
  { target: 'abl-001', at: { day: -47, hour: 9 }, author: 'mei', text: 'Both MTP variants gain more at 708M than at 302M; 1.46B launched.' },
];

const complexityJson = (c: Complexity) => ({ code: c.code, knobs: c.knobs, infra: c.infra, risk: c.risk, usability_tax: c.usabilityTax });

export function planLabEvents(clock: LabClock, runs: RunPlan[], seed: number): LabEvent[] {
  const rng = createSeededRandom(seed, 'events');
  const minute = () => rng.int(0, 59);
  const resolve = (time: EventTime): number =>
    'hoursAgo' in time ? clock.asOfMs - time.hoursAgo * HOUR_MS - rng.int(1, 40) * 60_000 : clock.at(time.day, time.hour, minute());
  const drafts: Draft[] = [];

  for (const p of PROPOSALS) {
    for (const d of p.decisions ?? []) {
      drafts.push({ atMs: resolve(d.at), author: d.author, type: 'decision', target: p.id, decision: d.decision, rationale: d.rationale });
    }
    for (const c of p.comments ?? []) drafts.push({ atMs: resolve(c.at), author: c.author, type: 'comment', target: p.id, text: c.text });
    if (p.reassessment) {
      const atMs = resolve(p.reassessment.at);
      drafts.push({ atMs, author: p.reassessment.author, type: 'complexity', target: p.id, complexity: complexityJson(p.reassessment.complexity) });
      drafts.push({ atMs: atMs + 60_000, author: p.reassessment.author, type: 'comment', target: p.id, text: p.reassessment.note });
    }
  }
  for (const c of ABLATION_COMMENTS) drafts.push({ atMs: resolve(c.at), author: c.author, type: 'comment', target: c.target, text: c.text });
  drafts.push(...runComments(clock, runs));
  for (const day of REVIEW_DAYS) {
    drafts.push({ atMs: clock.at(day, 15, 0), author: 'ana', type: 'review', notes: REVIEW_NOTES[day] ?? 'Weekly review of the triage board.' });
  }

  drafts.sort((a, b) => a.atMs - b.atMs);
  return drafts.map(({ atMs, ...rest }) => {
    const at = Math.floor(atMs / 1000) * 1000;
    return { id: encodeUlid(at, rng), at: isoInstant(at), ...rest };
  });
}

function runComments(clock: LabClock, runs: RunPlan[]): Draft[] {
  const byKey = new Map(runs.map((r) => [r.key, r]));
  const latest = clock.asOfMs - 10 * 60_000;
  const after = (run: RunPlan, minutes: number) => Math.min(run.updatedAtMs + minutes * 60_000, latest);
  const drafts: Draft[] = [];
  const diverged = byKey.get(DIVERGED_SWEEP_KEY);
  if (diverged) {
    drafts.push({
      atMs: after(diverged, 95), author: 'raj', type: 'comment', target: diverged.id,
      text: 'lr×8 diverges at 708M about 30 % in; that is the edge of the stable region, the rule should stay below ×4.',
    });
  }
  const restarted = byKey.get(LADDER_RESTART_KEY);
  if (restarted?.restart) {
    drafts.push({
      atMs: after(restarted, 30), author: 'omar', type: 'comment', target: restarted.id,
      text: `Node failure at step ${restarted.restart.crashStep}; the job resumed from the step ${restarted.restart.resumeStep} checkpoint and its later points replace the first attempt's.`,
    });
  }
  const killed = byKey.get(KILLED_SWEEP_KEY);
  if (killed) drafts.push({ atMs: after(killed, 5), author: 'raj', type: 'comment', target: killed.id, text: 'Killed: lr×1/8 is clearly too low by 40 %.' });
  const stale = runs.find((r) => r.stale);
  if (stale) {
    drafts.push({ atMs: latest - 20 * 60_000, author: 'ines', type: 'comment', target: stale.id, text: 'No log line for three hours; the job looks hung on an all-reduce. Not killing it yet.' });
  }
  return drafts;
}
