// The Evals methods through the single API entry, over the synced store of eval-store-fixture.ts:
// plain-JSON output, seeds needed against a t-table hand calculation, the triage warnings, errors,
// and a report that follows a re-sync.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvalsHandlers } from '../../../electron/core/api/evals-handlers';
import { dispatchApiCall } from '../../../electron/core/api/dispatch-api-call';
import type { Handlers } from '../../../electron/core/api/handlers';
import type { CoreDeps } from '../../../electron/core/api/core-deps';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import type { EvalQualityReport, ProposalEvidenceWarnings, SeedsNeededAnswer } from '../../../shared/api/evals-methods';
import { BAD, GOOD, PROXY, SPARSE, syncedEvalLab, type SyncedEvalLab } from '../queries/eval-quality/eval-store-fixture';

let lab: SyncedEvalLab;
let call: (method: string, input: unknown) => ReturnType<typeof dispatchApiCall>;
const value = async <T>(method: string, input: unknown): Promise<T> => {
  const result = await call(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value as T;
};

beforeAll(async () => {
  lab = await syncedEvalLab();
  // The evals handlers read only the cache; the rest of CoreDeps is never touched.
  const handlers = createEvalsHandlers({ cache: lab.cache } as CoreDeps) as unknown as Handlers;
  call = (method, input) => dispatchApiCall(handlers, method, input, { transport: 'test', canWrite: false });
});
afterAll(() => lab?.cache.close());

describe('getEvalQuality', () => {
  it('returns the report as plain JSON', async () => {
    const report = await value<EvalQualityReport>('getEvalQuality', {});
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.suites.flatMap((s) => s.evals.map((e) => e.metric))).toContain(GOOD);
  });

  it('follows a re-sync: a new eval logged by a new run appears as unclassified', async () => {
    const runDir = path.join(lab.root, 'runs', 'r-new');
    fs.mkdirSync(runDir, { recursive: true });
    fs.writeFileSync(path.join(runDir, 'run.json'), JSON.stringify({ id: 'r-new', created_at: '2026-10-03T00:00:00Z' }));
    fs.writeFileSync(path.join(runDir, 'metrics.jsonl'), '{"step": 1, "eval/other/new/acc": 0.4}\n');
    await syncFolder(lab.cache, lab.root);
    const report = await value<EvalQualityReport>('getEvalQuality', {});
    const unclassified = report.suites.find((s) => s.kind === 'unclassified')!;
    expect(unclassified.evals.map((e) => e.metric)).toContain('eval/other/new/acc');
    const added = unclassified.evals.find((e) => e.metric === 'eval/other/new/acc')!;
    expect(added.noiseFloor).toMatchObject({ std: null, df: 0, groups: 0 });
    expect(added.detectableEffects.every((d) => d.mde === null)).toBe(true);
  });
});

/** Smallest n ≥ 2 with (t.975 + t.80)(df = 2n − 2) · s · √(2/n) ≤ |delta|, from a printed t table. */
function handSeeds(s: number, delta: number): number {
  const table: Record<number, number> = { 2: 4.303 + 1.061, 4: 2.776 + 0.941, 6: 2.447 + 0.906, 8: 2.306 + 0.889, 10: 2.228 + 0.879, 12: 2.179 + 0.873, 14: 2.145 + 0.868 };
  for (let n = 2; n <= 8; n++) if (table[2 * n - 2]! * s * Math.sqrt(2 / n) <= Math.abs(delta)) return n;
  throw new Error('more than 8 seeds');
}

describe('seedsNeededFor', () => {
  it("resolves a proposal's expected.delta on its metric with the seeds a t table gives", async () => {
    const answer = await value<SeedsNeededAnswer>('seedsNeededFor', { proposalId: 'p-good' });
    expect(answer).toMatchObject({ metric: GOOD, delta: -0.004, source: 'proposal', proposalId: 'p-good', reason: null });
    expect(answer.seeds).toBe(handSeeds(answer.noiseFloor!, -0.004));
    expect(answer.mde!).toBeLessThanOrEqual(0.004);
  });

  it('answers for a metric and delta given directly', async () => {
    const answer = await value<SeedsNeededAnswer>('seedsNeededFor', { metric: BAD, delta: 0.012 });
    expect(answer).toMatchObject({ metric: BAD, source: 'input', proposalId: null });
    expect(answer.seeds).toBe(handSeeds(answer.noiseFloor!, 0.012));
  });

  it('says why when the proposal gives no delta, the metric is no eval, or the delta is 0', async () => {
    expect((await value<SeedsNeededAnswer>('seedsNeededFor', { proposalId: 'p-empty' })).reason).toBe('proposals/p-empty.md gives no expected.delta (a number)');
    expect((await value<SeedsNeededAnswer>('seedsNeededFor', { metric: 'train/loss', delta: 0.01 })).reason).toMatch(/train\/loss is not an eval metric/);
    expect((await value<SeedsNeededAnswer>('seedsNeededFor', { metric: GOOD, delta: 0 })).reason).toMatch(/delta of 0 cannot be resolved/);
  });

  it('refuses an unknown proposal and malformed input', async () => {
    expect(await call('seedsNeededFor', { proposalId: 'p-nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call('seedsNeededFor', { metric: GOOD, delta: 'big' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});

describe('decision evidence warnings', () => {
  const codes = async (proposalId: string) => (await value<ProposalEvidenceWarnings>('decisionEvidenceWarnings', { proposalId })).warnings.map((w) => [w.code, w.severity, w.metrics]);

  it('does not flag a decision on a held-out good proxy, or held-out and public evals together', async () => {
    expect(await codes('p-good')).toEqual([]);
    expect(await codes('p-mixed')).toEqual([]);
  });

  it('flags a poor proxy that is also a public benchmark alone', async () => {
    expect(await codes('p-bad')).toEqual([
      ['poor-proxy', 'warning', [BAD]],
      ['public-only', 'warning', [BAD]],
    ]);
    const warnings = await value<ProposalEvidenceWarnings>('decisionEvidenceWarnings', { proposalId: 'p-bad' });
    expect(warnings.warnings[1]!.message).toContain('may be contaminated');
  });

  it('flags public benchmarks alone even when they predict well', async () => {
    expect(await codes('p-public')).toEqual([['public-only', 'warning', [PROXY]]]);
  });

  it('notes an eval whose predictivity is not established', async () => {
    expect(await codes('p-sparse')).toEqual([['unproven-proxy', 'note', [SPARSE]]]);
  });

  it('lists every proposal for the board, and refuses an unknown one', async () => {
    const all = await value<{ proposals: ProposalEvidenceWarnings[] }>('listDecisionEvidenceWarnings', {});
    expect(all.proposals.map((p) => [p.proposalId, p.warnings.length])).toEqual([
      ['p-bad', 2], ['p-empty', 0], ['p-good', 0], ['p-mixed', 0], ['p-public', 1], ['p-sparse', 1],
    ]);
    expect(await call('decisionEvidenceWarnings', { proposalId: 'p-nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
