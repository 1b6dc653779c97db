// Proposals as a lead meets them, on a fixture lab whose numbers are worked out by hand: the measured
// gain and its interval, compute spent against budget, complexity and its history, comments, the
// decision log, "what we decided not to do", and the gain-against-cost plane.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../../shared/api/api-result';
import { welchTTest } from '../../../../shared/stats';
import { dispatchApiCall } from '../../../../electron/core/api/dispatch-api-call';
import type { Handlers } from '../../../../electron/core/api/handlers';
import { readStoreEvents, startTestCore, tempDir, testCtx, writeTriageLab, DEFAULT_RUNS, type FixtureRun, type TestCore } from '../../events/support/triage-lab';

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length > 0) cores.pop()!.close();
});

async function core(options: { runs?: FixtureRun[]; compareAt?: 'step' | 'tokens' | 'flops' } = {}) {
  const store = tempDir('store');
  writeTriageLab(store, { runs: options.runs, compareAt: options.compareAt });
  const home = tempDir('home');
  const c = startTestCore({ store, dbFile: path.join(home, 'cache.sqlite'), outboxDir: path.join(home, 'outbox') });
  cores.push(c);
  await c.deps.sync.syncNow();
  return c;
}

describe('measured gain of a proposal', () => {
  it('is baseline − variant on a loss at the comparison point, with Welch’s 95 % interval, in units and in % of baseline', async () => {
    const c = await core();
    const detail = await c.handlers.getProposal({ id: 'p-001' }, testCtx);
    const evidence = detail.evidence!;
    expect(evidence).toMatchObject({ ablationId: 'abl-001', variant: 'mtp-2', baseline: 'baseline', better: 'lower', compareAt: 'tokens', x: 1e9 });
    expect(evidence.gain).toBeCloseTo(0.05, 10);
    expect(evidence.relativeGain!).toBeCloseTo((0.05 / 3.0) * 100, 8);
    const welch = welchTTest([2.95, 2.96, 2.94], [3.0, 3.02, 2.98]);
    if (!welch.noiseEstimate) throw new Error('fixture must have a noise estimate');
    expect(evidence.interval![0]).toBeCloseTo(-welch.interval[1], 10);
    expect(evidence.interval![1]).toBeCloseTo(-welch.interval[0], 10);
    // By hand: se = sqrt(0.02²/3 + 0.01²/3) = 0.01291, df ≈ 2.94, t(0.975) ≈ 3.2 → half-width ≈ 0.041.
    expect(evidence.interval![1] - evidence.gain).toBeGreaterThan(0.035);
    expect(evidence.interval![1] - evidence.gain).toBeLessThan(0.05);
    expect(evidence.unproven).toBe(false);
    expect([evidence.variantSeeds, evidence.baselineSeeds]).toEqual([3, 3]);
  });

  it('reads every run where the one that stopped first stopped', async () => {
    const runs = DEFAULT_RUNS.map((run) => (run.id === 'r-v1' ? { ...run, tokens: 5e8 } : run));
    const evidence = (await (await core({ runs })).handlers.getProposal({ id: 'p-001' }, testCtx)).evidence!;
    expect(evidence.x).toBe(5e8);
    // Every curve is final + 0.5 there: the delta is unchanged, the baseline is 3.5.
    expect(evidence.gain).toBeCloseTo(0.05, 10);
    expect(evidence.relativeGain!).toBeCloseTo((0.05 / 3.5) * 100, 8);
  });

  it('compares at matched steps or matched FLOPs (6·N per token) when the ablation says so', async () => {
    const runs = DEFAULT_RUNS.map((run) => (run.id === 'r-v1' ? { ...run, tokens: 5e8 } : run));
    const bySteps = (await (await core({ runs, compareAt: 'step' })).handlers.getProposal({ id: 'p-001' }, testCtx)).evidence!;
    expect([bySteps.compareAt, bySteps.x]).toEqual(['step', 500]);
    expect(bySteps.gain).toBeCloseTo(0.05, 10);
    const byFlops = (await (await core({ runs, compareAt: 'flops' })).handlers.getProposal({ id: 'p-001' }, testCtx)).evidence!;
    expect(byFlops.x).toBeCloseTo(6 * 1e8 * 5e8, 0);
    expect(byFlops.gain).toBeCloseTo(0.05, 10);
  });

  it('is unproven when the interval includes zero, and judged at the largest model size of a scaling ablation', async () => {
    const big: FixtureRun[] = [
      { id: 'r-B1', variant: 'baseline', seed: 1, final: 2.5, params: 1e9 },
      { id: 'r-B2', variant: 'baseline', seed: 2, final: 2.52, params: 1e9 },
      { id: 'r-B3', variant: 'baseline', seed: 3, final: 2.48, params: 1e9 },
      { id: 'r-V1', variant: 'mtp-2', seed: 1, final: 2.5, params: 1e9 },
      { id: 'r-V2', variant: 'mtp-2', seed: 2, final: 2.505, params: 1e9 },
      { id: 'r-V3', variant: 'mtp-2', seed: 3, final: 2.49, params: 1e9 },
    ];
    const evidence = (await (await core({ runs: [...DEFAULT_RUNS, ...big] })).handlers.getProposal({ id: 'p-001' }, testCtx)).evidence!;
    expect(evidence.params).toBe(1e9);
    expect(evidence.gain).toBeCloseTo(2.5 - (2.5 + 2.505 + 2.49) / 3, 10);
    expect(evidence.interval![0]).toBeLessThan(0);
    expect(evidence.interval![1]).toBeGreaterThan(0);
    expect(evidence.unproven).toBe(true);
  });

  it('has no interval with a single seed per arm, and says why', async () => {
    const runs = DEFAULT_RUNS.filter((run) => run.seed === 1);
    const evidence = (await (await core({ runs })).handlers.getProposal({ id: 'p-001' }, testCtx)).evidence!;
    expect(evidence.gain).toBeCloseTo(0.05, 10);
    expect(evidence.interval).toBeNull();
    expect(evidence.unproven).toBe(true);
    expect(evidence.note).toMatch(/at least 2 per arm/);
  });
});

describe('proposal detail and writes', () => {
  it('sums chip-hours of linked runs against the budget and counts runs that give none', async () => {
    const detail = await (await core()).handlers.getProposal({ id: 'p-001' }, testCtx);
    expect(detail.chipHoursSpent).toBe(500);
    expect(detail.chipHoursBudget).toBe(2000);
    expect(detail.runsWithoutChipHours).toBe(1);
    expect(detail.runs.map((r) => r.id).sort()).toEqual(['r-b1', 'r-b2', 'r-b3', 'r-v1', 'r-v2', 'r-v3']);
    expect(detail.ablations.map((a) => [a.id, a.runCount])).toEqual([['abl-001', 6]]);
    expect(detail.body).toContain('predicting two tokens ahead');
  });

  it('replaces the complexity from a complexity event on, keeping its history, and lists comments', async () => {
    const c = await core();
    await c.handlers.setComplexity({ proposalId: 'p-001', complexity: { code: 4, knobs: 2, infra: 1, risk: 3, usability_tax: 0.1 }, author: 'ana' }, testCtx);
    await c.handlers.comment({ target: 'p-001', text: 'The 4-head variant needs a new kernel.', author: 'ana' }, testCtx);
    const detail = await c.handlers.getProposal({ id: 'p-001' }, testCtx);
    expect(detail.complexity).toEqual({ code: 4, knobs: 2, infra: 1, risk: 3, usability_tax: 0.1 });
    expect(detail.cost).toBeCloseTo(4 + 2 + 1 + 3 + 40 * 0.1, 10);
    expect(detail.complexityHistory.map((h) => [h.source, h.author, h.complexity.code])).toEqual([
      ['front-matter', null, 3],
      ['event', 'ana', 4],
    ]);
    expect(detail.comments.map((m) => [m.author, m.text])).toEqual([['ana', 'The 4-head variant needs a new kernel.']]);
  });

  it('refuses a decision that does not say who decides, and one on a proposal that does not exist', async () => {
    const c = await core();
    const anonymous = await dispatchApiCall(c.handlers as Handlers, 'decide', { proposalId: 'p-001', decision: 'adopt', rationale: 'Clear win.' }, testCtx);
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(!anonymous.ok && anonymous.error.message).toMatch(/author: who writes this is required: choose "Who am I"/);
    // Past the schema (an empty author), the writer still refuses to write an event without one.
    const empty = await c.handlers.decide({ proposalId: 'p-001', decision: 'adopt', rationale: 'Clear win.', author: '' }, testCtx).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ApiFailure);
    expect((empty as ApiFailure).message).toMatch(/does not know who you are/);
    expect(readStoreEvents(c.deps.config.storeUrl).size).toBe(0);
    const missing = await c.handlers.decide({ proposalId: 'p-999', decision: 'adopt', rationale: 'x', author: 'ana' }, testCtx).catch((e: unknown) => e);
    expect((missing as ApiFailure).code).toBe('not-found');
  });

  it('logs decisions newest first, filters by who, what, proposal and time, and lists what we decided not to do', async () => {
    const c = await core();
    await c.handlers.decide({ proposalId: 'p-002', decision: 'drop', rationale: 'Tokenizer change blocks the launch.', author: 'ana' }, testCtx);
    await c.handlers.decide({ proposalId: 'p-001', decision: 'park', rationale: 'Gain holds but the kernel is not ready.', author: 'raj' }, testCtx);
    const all = await c.handlers.listDecisions({ limit: 100 }, testCtx);
    expect(all.decisions.map((d) => [d.proposalId, d.decision, d.author])).toEqual([
      ['p-001', 'park', 'raj'],
      ['p-002', 'drop', 'ana'],
    ]);
    expect(all.authors).toEqual(['ana', 'raj']);
    expect((await c.handlers.listDecisions({ author: 'ana', limit: 100 }, testCtx)).decisions.map((d) => d.proposalId)).toEqual(['p-002']);
    expect((await c.handlers.listDecisions({ decision: 'park', limit: 100 }, testCtx)).decisions.map((d) => d.proposalId)).toEqual(['p-001']);
    expect((await c.handlers.listDecisions({ proposalId: 'p-002', limit: 100 }, testCtx)).decisions).toHaveLength(1);
    expect((await c.handlers.listDecisions({ to: '2000-01-01', limit: 100 }, testCtx)).decisions).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await c.handlers.listDecisions({ from: today, to: today, limit: 100 }, testCtx)).decisions).toHaveLength(2);

    const notPursued = (await c.handlers.listNotPursued({}, testCtx)).items;
    expect(notPursued.map((i) => [i.proposal.id, i.proposal.status, i.decision?.decision, i.decision?.rationale])).toEqual([
      ['p-001', 'inconclusive', 'park', 'Gain holds but the kernel is not ready.'],
      ['p-002', 'dropped', 'drop', 'Tokenizer change blocks the launch.'],
    ]);
    expect(notPursued[0]!.evidence!.gain).toBeCloseTo(0.05, 10);
    expect(notPursued[0]!.chipHoursSpent).toBe(500);
  });
});

describe('gain against cost', () => {
  it('scores cost as the stated weighted sum, places proven gains in their region, and finds the frontier', async () => {
    const c = await core();
    const plane = await c.handlers.getGainVsCost({}, testCtx);
    expect(plane.weights).toEqual({ code: 1, knobs: 1, infra: 1, risk: 1, usability_tax: 40 });
    expect(plane.formula).toContain('5 % tax = 2.0 points');
    const p1 = plane.points.find((p) => p.id === 'p-001')!;
    const p2 = plane.points.find((p) => p.id === 'p-002')!;
    expect(p1.cost).toBeCloseTo(3 + 2 + 1 + 2 + 40 * 0.05, 10);
    expect(p1.costParts.usability_tax).toBeCloseTo(2, 10);
    expect(p1.gain!).toBeCloseTo((0.05 / 3) * 100, 8);
    expect([p1.unproven, p1.region, p1.onFrontier]).toEqual([false, 'adopt', true]);
    expect(p2.cost).toBe(5);
    expect([p2.gain, p2.unproven, p2.region, p2.onFrontier]).toEqual([null, true, null, false]);
    expect(plane.frontier).toEqual(['p-001']);

    const taxed = await c.handlers.getGainVsCost({ weights: { code: 1, knobs: 1, infra: 1, risk: 1, usability_tax: 200 } }, testCtx);
    const p1Taxed = taxed.points.find((p) => p.id === 'p-001')!;
    expect(p1Taxed.cost).toBeCloseTo(8 + 10, 10);
    expect(p1Taxed.region).toBe('think-twice');
    expect((await c.handlers.getGainVsCost({ minGain: 5 }, testCtx)).points.find((p) => p.id === 'p-001')!.region).toBe('explore');
  });
});
