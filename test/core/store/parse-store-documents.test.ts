// The small store files: what each keeps, and how each problem is reported (field, line, expected).
import { describe, expect, it } from 'vitest';
import { parseAblationFile } from '../../../electron/core/store/parse-ablation-file';
import { parseEventFile } from '../../../electron/core/store/parse-event-file';
import { parseProposalFile } from '../../../electron/core/store/parse-proposal-file';
import { parseRunFile } from '../../../electron/core/store/parse-run-file';
import { parseRunStatus } from '../../../electron/core/store/parse-run-status';
import { parseStoreMarker } from '../../../electron/core/store/parse-store-marker';
import { parseTeamFile } from '../../../electron/core/store/parse-team-file';
import { IssueList } from '../../../electron/core/store/sync-issue';

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

function withIssues<T>(read: (issues: IssueList) => T) {
  const issues = new IssueList('file');
  const value = read(issues);
  return { value, issues: issues.issues.map(({ line, code, message, expected }) => ({ line, code, message, expected })) };
}

describe('run.json', () => {
  const full = {
    id: 'r-0412',
    name: 'ladder-v3 1.1B × 22B',
    created_at: '2026-10-03T12:00:00Z',
    owner: 'ana',
    group: 'ladder-v3',
    ablation: 'abl-007',
    variant: 'mtp-2',
    seed: 3,
    proposal: 'p-017',
    model: { params: 1.1e9, non_embedding_params: 1.0e9, active_params: 1.1e9, arch: 'dense', layers: 24 },
    data: { tokens: 2.2e10, mixture: 'web-v5' },
    compute: { flops: 1.45e20, accelerator: 'tpu-v5p', chips: 256, chip_hours: 1200 },
    config: { lr: 3e-4, batch_tokens: 4194304 },
    tags: ['ladder'],
    optimizer: 'adamw',
  };

  it('reads every field of the format, keeping unknown keys in the config view', () => {
    const { value, issues } = withIssues((i) => parseRunFile(bytes(full), 'r-0412', i));
    expect(issues).toEqual([]);
    expect(value).toMatchObject({
      id: 'r-0412',
      params: 1.1e9,
      tokens: 2.2e10,
      flops: 1.45e20,
      flopsGiven: true,
      variant: 'mtp-2',
      seed: 3,
      chips: 256,
      tags: ['ladder'],
      config: { lr: 3e-4, batch_tokens: 4194304, optimizer: 'adamw', 'model.layers': 24 },
    });
  });

  it('defaults FLOPs to 6·N·D, and leaves them unknown without N or D', () => {
    const run = (extra: object) => parseRunFile(bytes({ id: 'r', created_at: '2026-10-03', ...extra }), 'r', new IssueList('f'))!;
    expect(run({ model: { params: 1e9 }, data: { tokens: 2e10 } })).toMatchObject({ flops: 1.2e20, flopsGiven: false });
    expect(run({ model: { params: 1e9 } }).flops).toBeNull();
  });

  it('refuses a run without id or created_at, or whose id is bad or differs from its folder', () => {
    const refused = (json: unknown, folder = 'r1') => withIssues((i) => parseRunFile(bytes(json), folder, i));
    expect(refused({ created_at: '2026-10-03' })).toMatchObject({ value: null, issues: [{ code: 'missing-field' }] });
    expect(refused({ id: 'r1' })).toMatchObject({ value: null, issues: [{ code: 'missing-field', message: expect.stringContaining('created_at') }] });
    expect(refused({ id: 'r1', created_at: 'last tuesday' })).toMatchObject({ value: null, issues: [{ code: 'invalid-field' }] });
    expect(refused({ id: '../r1', created_at: '2026-10-03' })).toMatchObject({ value: null, issues: [{ code: 'invalid-id' }] });
    expect(refused({ id: 'r2', created_at: '2026-10-03' })).toMatchObject({ value: null, issues: [{ code: 'id-mismatch', expected: '"id": "r1"' }] });
    expect(refused([1, 2])).toMatchObject({ value: null, issues: [{ code: 'not-object' }] });
    expect(refused('{"id": "r1",\n"created_at": }')).toMatchObject({ value: null, issues: [{ code: 'invalid-json' }] });
  });

  it('reports a bad optional field by name and keeps the run without it', () => {
    const { value, issues } = withIssues((i) =>
      parseRunFile(bytes({ id: 'r1', created_at: '2026-10-03', owner: 'a b', seed: 1.5, model: { params: -1 }, tags: ['x', 3, {}] }), 'r1', i),
    );
    expect(value).toMatchObject({ owner: null, seed: null, params: null, tags: ['x', '3'] });
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringContaining('"model.params"'),
      expect.stringContaining('"owner"'),
      expect.stringContaining('"seed"'),
      expect.stringContaining('"tags.2"'),
    ]);
  });
});

describe('status.json', () => {
  it('reads the state, and reports an unknown one', () => {
    expect(parseRunStatus(bytes({ state: 'running', updated_at: '2026-11-01T10:00:00Z', message: 'ok' }), new IssueList('f'))).toEqual({
      state: 'running',
      updatedAt: '2026-11-01T10:00:00Z',
      message: 'ok',
    });
    const { value, issues } = withIssues((i) => parseRunStatus(bytes({ state: 'exploded' }), i));
    expect(value.state).toBeNull();
    expect(issues[0]).toMatchObject({ code: 'invalid-field', expected: 'one of "running", "finished", "failed", "killed"' });
  });
});

describe('ablations, proposals, team and marker', () => {
  it('reads an ablation, defaulting compare_at to tokens, and reports a bad field with its line', () => {
    const { value, issues } = withIssues((i) => parseAblationFile(bytes('title: MTP\nmetric: eval/c4/loss\nbaseline: 7\ncompare_at: wallclock\n'), 'abl-7', i));
    expect(value).toMatchObject({ id: 'abl-7', title: 'MTP', baseline: '7', compareAt: 'tokens' });
    expect(issues).toEqual([{ line: 4, code: 'invalid-field', message: 'Field "compare_at" is "wallclock".', expected: 'one of "step", "tokens", "flops"' }]);
  });

  it('reads a proposal with its front matter and body, and reports broken front matter', () => {
    const text = '---\r\nid: p-017\r\ntitle: MTP head\r\nkind: exploratory\r\nstatus: active\r\npeople: [{id: ana, share: 0.6}, {id: raj, share: 2}]\r\ncomplexity: {code: 3, knobs: 9, usability_tax: 0.05}\r\n---\r\nWhy.\r\n';
    const { value, issues } = withIssues((i) => parseProposalFile(bytes(text), 'p-017', i));
    expect(value).toMatchObject({ id: 'p-017', kind: 'exploratory', status: 'active', people: [{ id: 'ana', share: 0.6 }, { id: 'raj', share: null }], complexity: { code: 3, usability_tax: 0.05 }, body: 'Why.\n' });
    expect(issues.map((i) => [i.line, i.code])).toEqual([[6, 'invalid-field'], [7, 'invalid-field']]);
    expect(withIssues((i) => parseProposalFile(bytes('---\ntitle: [x\n---\n'), 'p', i)).issues[0]).toMatchObject({ code: 'invalid-front-matter', line: 2 });
    expect(withIssues((i) => parseProposalFile(bytes('---\n- a list\n---\n'), 'p', i)).issues[0]).toMatchObject({ code: 'invalid-front-matter' });
  });

  it('reads team.yaml, dropping bad and duplicate entries with an issue each', () => {
    const yaml = 'areas: [model, data, model]\npeople:\n  - {id: ana, name: Ana, area: model}\n  - {id: ana, name: Again}\n  - just a name\nphases:\n  - {name: P1, start: 2026-07-01, end: 2026-09-30, target_exploratory: 0.5}\n  - {name: P2, start: soon, end: 2026-12-01}\nevals:\n  - {prefix: eval/public/, name: Public, kind: public}\n';
    const { value, issues } = withIssues((i) => parseTeamFile(bytes(yaml), i));
    expect(value).toMatchObject({ areas: ['model', 'data'], people: [{ id: 'ana', name: 'Ana' }], phases: [{ name: 'P1', targetExploratory: 0.5 }], evals: [{ prefix: 'eval/public/' }] });
    expect(issues.map((i) => [i.line, i.code])).toEqual([[5, 'invalid-field'], [8, 'invalid-field'], [null, 'duplicate-id'], [null, 'duplicate-id']]);
  });

  it('reads the store marker and reports a wrong format name', () => {
    expect(parseStoreMarker(bytes({ format: 'tessera-store', version: 1, name: 'Lab' }), new IssueList('f'))).toEqual({ name: 'Lab', version: 1 });
    expect(withIssues((i) => parseStoreMarker(bytes({ format: 'other', version: 1 }), i)).issues[0]).toMatchObject({ code: 'invalid-field' });
  });
});

describe('events', () => {
  const decision = { id: 'e1', at: '2026-11-20T10:03:00+01:00', author: 'ana', type: 'decision', target: 'p-017', decision: 'drop', rationale: 'No gain above 1B.' };

  it('reads a decision with its time made canonical UTC', () => {
    expect(parseEventFile(bytes(decision), 'e1', new IssueList('f'))).toMatchObject({ id: 'e1', at: '2026-11-20T09:03:00.000Z', type: 'decision', target: 'p-017', decision: 'drop' });
  });

  it('refuses an event with any problem', () => {
    const refused = (event: object, file = 'e1') => withIssues((i) => parseEventFile(bytes(event), file, i));
    expect(refused({ ...decision, rationale: undefined })).toMatchObject({ value: null, issues: [{ code: 'missing-field' }] });
    expect(refused({ ...decision, decision: 'maybe' })).toMatchObject({ value: null, issues: [{ code: 'invalid-field' }] });
    expect(refused({ ...decision, author: 'not valid' })).toMatchObject({ value: null, issues: [{ code: 'invalid-field' }] });
    expect(refused({ ...decision, type: 'poll' })).toMatchObject({ value: null, issues: [{ code: 'unknown-event-type' }] });
    expect(refused({ ...decision, id: 'e2' })).toMatchObject({ value: null, issues: [{ code: 'id-mismatch' }] });
    expect(refused({ at: '2026-11-20', type: 'comment', target: 'p-1' })).toMatchObject({ value: null, issues: [{ code: 'missing-field' }] });
    expect(refused({ at: '2026-11-20', type: 'complexity', target: 'p-1', complexity: { risk: 6 } })).toMatchObject({ value: null, issues: [{ code: 'invalid-field' }] });
  });

  it('reads comments, complexity assessments and reviews', () => {
    expect(parseEventFile(bytes({ at: '2026-11-20', type: 'comment', target: 'abl-1', text: 'Nice' }), 'e1', new IssueList('f'))).toMatchObject({ type: 'comment', target: 'abl-1' });
    expect(parseEventFile(bytes({ at: '2026-11-20', type: 'complexity', target: 'p-1', complexity: { code: 2, knobs: 0 } }), 'e1', new IssueList('f'))).toMatchObject({ complexity: { code: 2, knobs: 0 } });
    expect(parseEventFile(bytes({ at: '2026-11-20', type: 'review' }), 'e1', new IssueList('f'))).toMatchObject({ type: 'review', target: null });
  });
});
