// A lab store for the review tests, written file by file as the format describes, with known changes
// before and after a review event a week before `now`: runs that finished, failed, diverged or went
// stale on either side of it, an ablation whose verdict changes, one that is new, one that does not
// move, a scaling ladder with runs finished since, proposals with and without new evidence, and
// decisions on both sides.
import fs from 'node:fs';
import path from 'node:path';
import { logSpaced, predictLoss } from '../../../../shared/scaling';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const LAW = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };

/** The law with twice the baseline's effective compute on the frontier. */
export const TWICE = { ...LAW, A: LAW.A * 2 ** -LAW.alpha };

export interface ReviewLab {
  nowMs: number;
  reviewAt: string;
  /** Ladder runs that finished after the review. */
  ladderNew: string[];
  ladderAll: string[];
  /** Runs of the scaling ablation abl-s (worth 2× compute) that finished after the review. */
  scalingNew: string[];
}

const iso = (ms: number) => new Date(ms).toISOString();

function write(root: string, rel: string, text: string): void {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

interface RunSpec {
  id: string;
  createdMs: number;
  json?: Record<string, unknown>;
  lines?: Record<string, unknown>[];
  status?: { state: string; atMs: number; message?: string };
}

function writeRun(root: string, run: RunSpec): void {
  write(root, `runs/${run.id}/run.json`, JSON.stringify({ id: run.id, created_at: iso(run.createdMs), owner: 'ana', ...run.json }));
  if (run.lines) write(root, `runs/${run.id}/metrics.jsonl`, run.lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  if (run.status) {
    const status = { state: run.status.state, updated_at: iso(run.status.atMs), ...(run.status.message ? { message: run.status.message } : {}) };
    write(root, `runs/${run.id}/status.json`, JSON.stringify(status));
  }
}

function writeEvent(root: string, event: Record<string, unknown> & { id: string; at: string }): void {
  const [year, month] = event.at.split('-');
  write(root, `events/${year}/${month}/${event.id}.json`, JSON.stringify(event));
}

/**
 * Curves of an ablation run: eval/c4/loss = 3 + (1 − t) + gain·t + noise, t = tokens / 1e9, logged every
 * 1e8 tokens; the point at t is logged at start + t·span (Unix seconds in `time`).
 */
function ablationLines(gainPerUnit: number, noise: number, startMs: number, spanMs: number, lastT = 1): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (let k = 1; k <= 10 && k / 10 <= lastT + 1e-9; k++) {
    const t = k / 10;
    lines.push({ step: k * 100, tokens: t * 1e9, time: (startMs + t * spanMs) / 1000, 'eval/c4/loss': 3 + (1 - t) + gainPerUnit * t + noise });
  }
  return lines;
}

export function writeReviewLab(root: string, nowMs: number, options: { withReview?: boolean } = {}): ReviewLab {
  const withReview = options.withReview ?? true;
  const reviewMs = nowMs - 7 * DAY;
  const before = (days: number) => reviewMs - days * DAY;
  const after = (days: number) => reviewMs + days * DAY;
  write(root, 'tessera-store.json', JSON.stringify({ format: 'tessera-store', version: 1, name: 'Review lab' }));
  const phaseStart = iso(nowMs - 60 * DAY).slice(0, 10);
  const phaseEnd = iso(nowMs + 60 * DAY).slice(0, 10);
  write(
    root,
    'team.yaml',
    [
      'areas: [model, data]',
      'people:',
      '  - {id: ana, name: Ana Ruiz, area: model}',
      '  - {id: raj, name: Raj Patel, area: data}',
      'phases:',
      `  - {name: De-risking, start: ${phaseStart}, end: ${phaseEnd}, target_exploratory: 0.2}`,
      '',
    ].join('\n'),
  );

  const runs: RunSpec[] = [
    { id: 'r-fin-old', createdMs: before(5), lines: [{ step: 1, 'train/loss': 3.1 }], status: { state: 'finished', atMs: before(2) } },
    { id: 'r-fin-new', createdMs: before(3), lines: [{ step: 1, 'train/loss': 2.9 }, { step: 2, 'train/loss': 2.8 }], status: { state: 'finished', atMs: after(4) } },
    { id: 'r-failed', createdMs: after(1), lines: [{ step: 1, 'train/loss': 3.3 }], status: { state: 'failed', atMs: after(2), message: 'CUDA out of memory' } },
    { id: 'r-killed-old', createdMs: before(9), lines: [{ step: 1, 'train/loss': 3.3 }], status: { state: 'killed', atMs: before(8) } },
    {
      id: 'r-div',
      createdMs: after(1),
      lines: [
        { step: 100, time: after(1.5) / 1000, 'train/loss': 3.0 },
        { step: 200, time: after(2) / 1000, 'train/loss': 'NaN' },
        { step: 300, time: after(2.5) / 1000, 'train/loss': 'NaN' },
      ],
      status: { state: 'failed', atMs: after(2.6), message: 'loss is NaN' },
    },
    {
      id: 'r-div-old',
      createdMs: before(4),
      lines: [
        { step: 100, time: before(3.5) / 1000, 'train/loss': 3.0 },
        { step: 200, time: before(3) / 1000, 'train/loss': 'Infinity' },
      ],
      status: { state: 'failed', atMs: before(2.9) },
    },
    { id: 'r-stale', createdMs: after(5), lines: [{ step: 5, 'train/loss': 3.2 }], status: { state: 'running', atMs: nowMs - 3 * HOUR } },
    { id: 'r-running', createdMs: after(5), lines: [{ step: 5, 'train/loss': 3.2 }], status: { state: 'running', atMs: nowMs - 10 * 60_000 } },
  ];

  // abl-1: MTP for p-1, gain −0.1 per unit t. Half-way at the review (within noise over 2 seeds), done since (better).
  const start1 = before(3);
  const span1 = 2 * (reviewMs - start1);
  for (const [variant, gain] of [['base', 0], ['mtp', -0.1]] as const) {
    for (const [seed, noise] of [[1, 0.01], [2, -0.01]] as const) {
      runs.push({
        id: `a1-${variant}-${seed}`,
        createdMs: start1,
        json: { ablation: 'abl-1', variant, seed, model: { params: 1e8 }, data: { tokens: 1e9 } },
        lines: ablationLines(gain, noise, start1, span1),
        status: { state: 'finished', atMs: start1 + span1 + HOUR },
      });
    }
  }
  // abl-2: finished long before the review, clearly better both then and now.
  for (const [variant, gain] of [['base', 0], ['wide', -0.2]] as const) {
    for (const [seed, noise] of [[1, 0.005], [2, -0.005]] as const) {
      runs.push({
        id: `a2-${variant}-${seed}`,
        createdMs: before(20),
        json: { ablation: 'abl-2', variant, seed, model: { params: 2e8 }, data: { tokens: 1e9 } },
        lines: ablationLines(gain, noise, before(20), 5 * DAY),
        status: { state: 'finished', atMs: before(14) },
      });
    }
  }
  // abl-3: started after the review, one seed per arm so far.
  for (const [variant, gain] of [['base', 0], ['rope', -0.05]] as const) {
    runs.push({
      id: `a3-${variant}`,
      createdMs: after(2),
      json: { ablation: 'abl-3', variant, seed: 1, model: { params: 1e8 }, data: { tokens: 1e9 } },
      lines: ablationLines(gain, 0, after(2), 2 * DAY, 0.5),
      status: { state: 'running', atMs: nowMs - 5 * 60_000 },
    });
  }

  // A ladder on the law: the largest size finished after the review.
  const sizes = logSpaced(5e7, 1.6e9, 6);
  const ladderAll: string[] = [];
  const ladderNew: string[] = [];
  sizes.forEach((N, i) => {
    for (const tpp of [10, 20, 40, 80]) {
      const id = `lad-${i}-${tpp}`;
      const D = Math.round(N * tpp);
      const isNew = i === sizes.length - 1;
      ladderAll.push(id);
      if (isNew) ladderNew.push(id);
      runs.push({
        id,
        createdMs: before(30),
        json: { group: 'ladder', model: { params: N }, data: { tokens: D } },
        lines: [{ step: 1, 'eval/c4/loss': predictLoss(LAW, N, D) }],
        status: { state: 'finished', atMs: isNew ? after(3) : before(10) },
      });
    }
  });
  // abl-s: a scaling ablation on the law, its variant worth twice the compute; the largest size finished since.
  const scalingNew: string[] = [];
  const scalingSizes = logSpaced(5e7, 8e8, 4);
  for (const [variant, law] of [['base', LAW], ['twice', TWICE]] as const) {
    scalingSizes.forEach((N, i) => {
      for (const tpp of [10, 40]) {
        const id = `as-${variant}-${i}-${tpp}`;
        const D = Math.round(N * tpp);
        const isNew = i === scalingSizes.length - 1;
        if (isNew) scalingNew.push(id);
        runs.push({
          id,
          createdMs: before(30),
          json: { ablation: 'abl-s', variant, model: { params: N }, data: { tokens: D } },
          lines: [{ step: 1, tokens: D, 'eval/c4/loss': predictLoss(law, N, D) }],
          status: { state: 'finished', atMs: isNew ? after(3) : before(10) },
        });
      }
    });
  }
  for (const run of runs) writeRun(root, run);

  const ablation = (id: string, proposal: string | null, title: string) =>
    write(
      root,
      `ablations/${id}.yaml`,
      [`id: ${id}`, `title: ${title}`, ...(proposal ? [`proposal: ${proposal}`] : []), 'metric: eval/c4/loss', 'compare_at: tokens', 'baseline: base', ''].join('\n'),
    );
  ablation('abl-1', 'p-1', 'Multi-token prediction');
  ablation('abl-2', 'p-2', 'Wider MLP');
  ablation('abl-3', 'p-5', 'RoPE base');
  ablation('abl-s', null, 'Twice the compute');

  const proposal = (id: string, status: string, title: string, kind = 'exploratory') =>
    write(
      root,
      `proposals/${id}.md`,
      `---\nid: ${id}\ntitle: ${title}\nowner: ana\narea: model\nkind: ${kind}\nstatus: ${status}\ncreated: ${iso(before(40)).slice(0, 10)}\n` +
        `people: [{id: ana, share: 0.5}]\ncomplexity: {code: 2, knobs: 1, infra: 0, risk: 1, usability_tax: 0.01}\n---\nWhy.\n`,
    );
  proposal('p-1', 'active', 'Multi-token prediction');
  proposal('p-2', 'active', 'Wider MLP', 'critical-path');
  proposal('p-3', 'active', 'Adopted long ago');
  proposal('p-4', 'proposed', 'Dropped in this review window');
  proposal('p-5', 'proposed', 'RoPE base');
  // p-3 and p-4 have runs of their own finished since the review.
  writeRun(root, { id: 'p3-run', createdMs: before(2), json: { proposal: 'p-3' }, lines: [{ step: 1, 'train/loss': 3 }], status: { state: 'finished', atMs: after(1) } });
  writeRun(root, { id: 'p4-run', createdMs: before(2), json: { proposal: 'p-4' }, lines: [{ step: 1, 'train/loss': 3 }], status: { state: 'finished', atMs: after(1) } });

  writeEvent(root, { id: '01JA0000000000000000000001', at: iso(before(10)), author: 'ana', type: 'decision', target: 'p-3', decision: 'adopt', rationale: 'Clear gain.' });
  writeEvent(root, { id: '01JA0000000000000000000002', at: iso(after(3)), author: 'raj', type: 'decision', target: 'p-4', decision: 'drop', rationale: 'No gain at 1B.' });
  writeEvent(root, { id: '01JA0000000000000000000003', at: iso(after(3.5)), author: 'raj', type: 'comment', target: 'p-1', text: 'Looks good.' });
  if (withReview) {
    writeEvent(root, { id: '01JA0000000000000000000004', at: iso(before(7)), author: 'ana', type: 'review', notes: 'The review before.' });
    writeEvent(root, { id: '01JA0000000000000000000005', at: iso(reviewMs), author: 'ana', type: 'review', notes: 'Last week.' });
  }
  return { nowMs, reviewAt: iso(reviewMs), ladderNew, ladderAll, scalingNew };
}
