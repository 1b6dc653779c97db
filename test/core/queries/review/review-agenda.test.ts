// The review agenda over a real cache synced from a lab store with known changes on both sides of a
// review event: what it lists, what it leaves out, and where it starts when no review was ever held.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheDatabase, type CacheDatabase } from '../../../../electron/core/db/open-cache-database';
import { listAblationResults } from '../../../../electron/core/queries/ablations/ablation-results';
import { readAblationData, verdictCells } from '../../../../electron/core/queries/review/ablation-verdicts';
import { buildReviewAgenda } from '../../../../electron/core/queries/review/review-agenda';
import { loadEvalTrust } from '../../../../electron/core/queries/runs/eval-trust';
import { syncFolder } from '../../../../electron/core/sync/sync-folder';
import type { ReviewAgenda } from '../../../../shared/api/review-methods';
import { DAY, writeReviewLab, type ReviewLab } from './review-lab';

const migrationsDir = path.resolve(__dirname, '..', '..', '..', '..', 'migrations');
const NOW = Date.parse('2026-11-20T12:00:00Z');

async function syncedLab(withReview: boolean): Promise<{ cache: CacheDatabase; lab: ReviewLab; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-review-'));
  const lab = writeReviewLab(path.join(dir, 'lab'), NOW, { withReview });
  const cache = openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir });
  const summary = await syncFolder(cache, path.join(dir, 'lab'));
  expect(summary.issues).toEqual([]);
  return { cache, lab, dir };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('the agenda since the last review event', () => {
  let cache: CacheDatabase;
  let lab: ReviewLab;
  let dir: string;
  let agenda: ReviewAgenda;

  beforeAll(async () => {
    ({ cache, lab, dir } = await syncedLab(true));
    agenda = buildReviewAgenda(cache.sqlite, { nowMs: NOW, pending: [] });
  });
  afterAll(() => {
    cache.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts at the latest review event and carries its notes', () => {
    expect(agenda.source).toBe('review');
    expect(agenda.since).toBe(lab.reviewAt);
    expect(agenda.lastReview).toMatchObject({ at: lab.reviewAt, author: 'ana', notes: 'Last week.' });
  });

  it('lists runs finished, failed and diverged since then, and the runs stale now', () => {
    const ladderNew = lab.ladderNew;
    expect(ids(agenda.runs.finished)).toEqual(
      ['a1-base-1', 'a1-base-2', 'a1-mtp-1', 'a1-mtp-2', 'p3-run', 'p4-run', 'r-fin-new', ...ladderNew, ...lab.scalingNew].sort(),
    );
    expect(ids(agenda.runs.failed)).toEqual(['r-div', 'r-failed']);
    expect(agenda.runs.failed.find((r) => r.id === 'r-failed')).toMatchObject({ state: 'failed', message: 'CUDA out of memory' });
    expect(ids(agenda.runs.diverged)).toEqual(['r-div']);
    const diverged = agenda.runs.diverged[0]!;
    expect(diverged).toMatchObject({ metric: 'train/loss', firstNonFiniteStep: 200, nonFiniteCount: 2 });
    expect(diverged.loss).toEqual({ metric: 'train/loss', value: 'NaN' });
    expect(diverged.curve!.markerKinds).toContain('nan');
    expect(diverged.curve!.ys).toContain(3);
    expect(ids(agenda.runs.stale)).toEqual(['r-stale']);
    expect(agenda.runs.stale[0]!.silentForMs).toBe(3 * 3_600_000);
    expect(agenda.runs.finished.find((r) => r.id === 'r-fin-new')!.loss).toEqual({ metric: 'train/loss', value: 2.8 });
  });

  it('reports ablations whose verdict is new or changed, as of the review from the points logged by then', () => {
    expect(agenda.ablations.map((a) => [a.id, a.change])).toEqual([
      ['abl-1', 'changed'],
      ['abl-3', 'new'],
      ['abl-s', 'changed'],
    ]);
    const abl1 = agenda.ablations[0]!;
    expect(abl1.moves).toEqual([{ params: 1e8, variant: 'mtp', before: 'within-noise', now: 'better' }]);
    expect(abl1.before[0]!.x).toBeCloseTo(5e8, 0);
    expect(abl1.before[0]!.delta).toBeCloseTo(-0.05, 9);
    expect(abl1.now[0]!.x).toBeCloseTo(1e9, 0);
    expect(abl1.now[0]!.delta).toBeCloseTo(-0.1, 9);
    expect(abl1.now[0]!.interval![1]).toBeLessThan(0);
    const abl3 = agenda.ablations[1]!;
    expect(abl3.before).toEqual([]);
    expect(abl3.moves).toEqual([{ params: 1e8, variant: 'rope', before: null, now: 'no-noise-estimate' }]);
    // The scaling ablation's largest size has a comparison only since its runs finished.
    const ablS = agenda.ablations[2]!;
    expect(ablS.moves).toEqual([{ params: Math.max(...ablS.now.map((c) => c.params!)), variant: 'twice', before: null, now: 'no-noise-estimate' }]);
    expect(ablS.moves[0]!.params).toBeCloseTo(8e8, -2);
    expect(ablS.now).toHaveLength(4);
  });

  it('gives now the verdicts the Ablations page shows', () => {
    let compared = 0;
    for (const summary of listAblationResults(cache.sqlite, loadEvalTrust(cache.sqlite))) {
      const page = summary.sizes.flatMap((size) =>
        size.variants.filter((v) => !v.isBaseline && v.verdict !== null).map((v) => ({ params: size.params, variant: v.variant, verdict: v.verdict, delta: v.delta })),
      );
      const review = verdictCells(readAblationData(cache.sqlite, summary.id)!, null).map((c) => ({ params: c.params, variant: c.variant, verdict: c.verdict, delta: c.delta }));
      expect(review.map((c) => [c.params, c.variant, c.verdict])).toEqual(page.map((c) => [c.params, c.variant, c.verdict]));
      review.forEach((c, i) => expect(c.delta).toBeCloseTo(page[i]!.delta!, 9));
      compared += review.length;
    }
    expect(compared).toBe(7);
  });

  it('names the scaling fits that have runs finished since, and which', () => {
    expect(agenda.scaling).toEqual([
      { kind: 'group', id: 'ladder', title: null, newRuns: [...lab.ladderNew].sort() },
      { kind: 'ablation', id: 'abl-s', title: 'Twice the compute', newRuns: [...lab.scalingNew].sort() },
    ]);
  });

  it('lists open proposals with new evidence, and keeps one decided since with its decision', () => {
    expect(agenda.proposals.map((p) => p.id)).toEqual(['p-1', 'p-4', 'p-5']);
    const p1 = agenda.proposals[0]!;
    expect(p1.status).toBe('active');
    expect(ids(p1.newRuns)).toEqual(['a1-base-1', 'a1-base-2', 'a1-mtp-1', 'a1-mtp-2']);
    expect(p1.changedAblations).toEqual(['abl-1']);
    expect(p1.evidence).toMatchObject({ ablationId: 'abl-1', variant: 'mtp', unproven: false });
    expect(p1.evidence!.gain).toBeCloseTo(0.1, 9);
    expect(p1.decidedSince).toBeNull();
    const p4 = agenda.proposals[1]!;
    expect(p4.status).toBe('dropped');
    expect(p4.decidedSince).toMatchObject({ decision: 'drop', rationale: 'No gain at 1B.', author: 'raj' });
    // p-5's runs are still training, but its ablation has a verdict now that it did not have.
    const p5 = agenda.proposals[2]!;
    expect(p5).toMatchObject({ status: 'proposed', newRuns: [], changedAblations: ['abl-3'] });
    expect(p5.evidence).toMatchObject({ ablationId: 'abl-3', unproven: true });
  });

  it('lists the decisions made since, with their reasons, and the balance against the phase target', () => {
    expect(agenda.decisions.map((d) => [d.proposalId, d.decision, d.rationale])).toEqual([['p-4', 'drop', 'No gain at 1B.']]);
    expect(agenda.balance.people.phase).toMatchObject({ name: 'De-risking', target: 0.2 });
    expect(agenda.balance.people.today).toBe('2026-11-20');
    expect(agenda.balance.peopleAtLastReview.today).toBe(lab.reviewAt.slice(0, 10));
    expect(agenda.balance.compute.measure).toBe('compute');
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(agenda))).toEqual(agenda);
  });

  it('from an earlier instant, leaves out what happened after it', () => {
    const earlier = buildReviewAgenda(cache.sqlite, { nowMs: Date.parse(lab.reviewAt) + 2.2 * DAY, pending: [] });
    expect(earlier.since).toBe(lab.reviewAt);
    expect(ids(earlier.runs.failed)).toEqual(['r-failed']);
    expect(earlier.runs.diverged.map((r) => r.id)).toEqual(['r-div']);
    expect(earlier.decisions).toEqual([]);
    expect(ids(earlier.runs.finished)).toEqual(['p3-run', 'p4-run']);
  });

  it('starts from a given instant when asked', () => {
    const given = buildReviewAgenda(cache.sqlite, { nowMs: NOW, since: '2026-11-17T00:00:00Z', pending: [] });
    expect(given.source).toBe('given');
    expect(given.since).toBe('2026-11-17T00:00:00.000Z');
    expect(given.runs.finished.map((r) => r.id)).toEqual(['r-fin-new']);
  });
});

describe('a lab that never held a review', () => {
  it('covers the last seven days', async () => {
    const { cache, dir } = await syncedLab(false);
    try {
      const agenda = buildReviewAgenda(cache.sqlite, { nowMs: NOW, pending: [] });
      expect(agenda.source).toBe('default-7-days');
      expect(agenda.lastReview).toBeNull();
      expect(agenda.since).toBe(new Date(NOW - 7 * DAY).toISOString());
      expect(agenda.runs.finished.map((r) => r.id)).toContain('r-fin-new');
    } finally {
      cache.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
