// Answers shared between a team server's clients: one core call per question and version of the
// data, never an answer from before a change, never a failure, and nothing past its age.
import { describe, expect, it } from 'vitest';
import { apiFail, apiOk, type ApiResult } from '../../shared/api/api-result';
import { SharedAnswers } from '../../electron/server/shared-answers';
import { answerMayChange } from '../../shared/api/query-invalidation';

function counter(value: unknown = { rows: [1, 2, 3] }) {
  const calls: ((result: ApiResult<unknown>) => void)[] = [];
  return {
    calls,
    compute: () => new Promise<ApiResult<unknown>>((resolve) => calls.push(resolve)),
    resolveAll: (result: ApiResult<unknown> = apiOk(value)) => calls.splice(0).forEach((resolve) => resolve(result)),
  };
}

describe('shared answers', () => {
  it('computes a question once for everyone asking it, and other questions apart', async () => {
    const answers = new SharedAnswers();
    const core = counter();
    const asked = [1, 2, 3].map(() => answers.answer('listRuns', { limit: 200 }, core.compute));
    const other = answers.answer('listRuns', { limit: 100 }, core.compute);
    expect(core.calls).toHaveLength(2);
    core.resolveAll();
    const results = await Promise.all([...asked, other]);
    expect(new Set(results.slice(0, 3).map((r) => r.body)).size).toBe(1);
    expect(JSON.parse(results[0]!.body)).toEqual({ ok: true, value: { rows: [1, 2, 3] } });
    await answers.answer('listRuns', { limit: 200 }, core.compute);
    expect(core.calls).toHaveLength(0);
  });

  it('computes again after a change, and keeps no answer that was computed across one', async () => {
    const answers = new SharedAnswers();
    const core = counter();
    const before = answers.answer('listProposals', {}, core.compute);
    answers.invalidate();
    core.resolveAll();
    await before;
    void answers.answer('listProposals', {}, core.compute);
    expect(core.calls).toHaveLength(1);
  });

  it('keeps no failure, answers nothing older than its age, and never shares what depends on the caller', async () => {
    let now = 0;
    const answers = new SharedAnswers({ maxAgeMs: 5000, maxBytes: 1 << 20 }, () => now);
    const core = counter();
    const failed = answers.answer('getProposal', { id: 'p-1' }, core.compute);
    core.resolveAll(apiFail('unavailable', 'busy'));
    await failed;
    void answers.answer('getProposal', { id: 'p-1' }, core.compute);
    core.resolveAll();
    expect(core.calls).toHaveLength(0);
    now = 5001;
    void answers.answer('getProposal', { id: 'p-1' }, core.compute);
    expect(core.calls).toHaveLength(1);
    core.resolveAll();
    for (const method of ['getAppInfo', 'listIdentityChoices', 'getSyncProgress', 'decide']) {
      void answers.answer(method, {}, core.compute);
      void answers.answer(method, {}, core.compute);
    }
    expect(core.calls).toHaveLength(8);
  });

  it('drops the oldest answers past its byte budget', async () => {
    const answers = new SharedAnswers({ maxAgeMs: 60_000, maxBytes: 2000 });
    for (let i = 0; i < 10; i++) {
      const core = counter({ text: 'x'.repeat(500) });
      const pending = answers.answer('getRun', { runId: `r-${i}` }, core.compute);
      core.resolveAll();
      await pending;
    }
    expect(answers.size).toBeLessThanOrEqual(3);
  });
});

describe('a push that names the runs that changed', () => {
  const event = (runIds?: string[]) => ({ type: 'data-changed' as const, scopes: ['metrics' as const], at: '2026-12-07T10:00:00Z', ...(runIds ? { runIds } : {}) });

  it('leaves charts of other runs standing and nothing else', async () => {
    const answers = new SharedAnswers();
    const core = counter();
    const asked = [
      answers.answer('getSeries', { runIds: ['r-1', 'r-2'], metrics: ['train/loss'], width: 800 }, core.compute),
      answers.answer('getSeries', { runIds: ['r-3'], metrics: ['train/loss'], width: 800 }, core.compute),
      answers.answer('listRuns', {}, core.compute),
    ];
    core.resolveAll();
    await Promise.all(asked);
    answers.invalidate(event(['r-2']));
    void answers.answer('getSeries', { runIds: ['r-1', 'r-2'], metrics: ['train/loss'], width: 800 }, core.compute);
    void answers.answer('getSeries', { runIds: ['r-3'], metrics: ['train/loss'], width: 800 }, core.compute);
    void answers.answer('listRuns', {}, core.compute);
    // The chart of r-1 and r-2, and the runs table, are asked again; the chart of r-3 is not.
    expect(core.calls).toHaveLength(2);
    core.resolveAll();
    answers.invalidate(event());
    void answers.answer('getSeries', { runIds: ['r-3'], metrics: ['train/loss'], width: 800 }, core.compute);
    expect(core.calls).toHaveLength(1);
  });

  it('is what the app decides too: a chart is stale when it shows a changed run, or when the push does not say which', () => {
    expect(answerMayChange('getSeries', { runIds: ['r-1'] }, event(['r-2']))).toBe(false);
    expect(answerMayChange('getSeedGroups', { runIds: ['r-1', 'r-2'] }, event(['r-2']))).toBe(true);
    expect(answerMayChange('getSeries', { runIds: ['r-1'] }, event())).toBe(true);
    expect(answerMayChange('getSeries', { runIds: ['r-1'] }, event([]))).toBe(false);
    expect(answerMayChange('listRuns', {}, event([]))).toBe(true);
    expect(answerMayChange(['not', 'a', 'method'], undefined, event([]))).toBe(true);
  });
});

describe('refreshing after a change, before the push goes out', () => {
  const changed = { type: 'data-changed' as const, scopes: ['proposals' as const], at: '2026-12-07T10:00:00Z', runIds: [] };

  it('computes the most-asked stale answers again, so the refetches that follow find them ready', async () => {
    const answers = new SharedAnswers();
    const core = counter();
    const warm = async (method: string, times: number) => {
      for (let i = 0; i < times; i++) {
        const pending = answers.answer(method, {}, core.compute);
        core.resolveAll();
        await pending;
      }
    };
    await warm('listProposals', 5);
    await warm('listDecisions', 3);
    await warm('getWorkSplit', 1);
    const recomputed: string[] = [];
    const refreshed = answers.refresh(changed, async (method) => (recomputed.push(method), apiOk({ fresh: method })), { maxQuestions: 2, maxWaitMs: 5000 });
    await refreshed;
    expect(recomputed).toEqual(['listProposals', 'listDecisions']);
    const after = counter();
    expect(JSON.parse((await answers.answer('listProposals', {}, after.compute)).body)).toEqual({ ok: true, value: { fresh: 'listProposals' } });
    void answers.answer('getWorkSplit', {}, after.compute);
    expect(after.calls).toHaveLength(1);
  });

  it('lets the push go after its wait at most, when the core is slow', async () => {
    const answers = new SharedAnswers();
    const core = counter();
    const first = answers.answer('listRuns', {}, core.compute);
    core.resolveAll();
    await first;
    const started = Date.now();
    await answers.refresh(changed, () => new Promise(() => {}), { maxQuestions: 8, maxWaitMs: 100 });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
