import { describe, expect, it } from 'vitest';
import {
  applyFieldMapping,
  fieldMappingSchema,
  mappingFieldProblems,
  parseQuantity,
  type SourceRunFacts,
} from '../../../electron/core/sources/field-mapping';
import { toSyncIssue } from '../../../electron/core/sources/source-types';

const facts: SourceRunFacts = {
  id: 'r1',
  name: 'run one',
  createdAt: '2026-10-03T12:00:00.000Z',
  owner: 'ana',
  group: 'Default',
  fields: {
    'params.n_params': '350M',
    'params.tokens': '7e9',
    'params.flops': 'lots',
    'params.seed': '2.5',
    'tags.ablation': 'abl 7',
    'tags.group': 'ladder-v3',
    'hparams.seed': 4,
  },
  config: { lr: 0.001 },
};

describe('field mapping', () => {
  it('fills model.params, data.tokens, group and seed from the named fields', () => {
    const { run, issues } = applyFieldMapping(facts, { params: 'params.n_params', tokens: 'params.tokens', group: 'tags.group', seed: 'hparams.seed' }, 'x');
    expect(issues).toEqual([]);
    expect(run).toEqual({
      id: 'r1',
      name: 'run one',
      created_at: '2026-10-03T12:00:00.000Z',
      owner: 'ana',
      group: 'ladder-v3',
      seed: 4,
      model: { params: 3.5e8 },
      data: { tokens: 7e9 },
      config: { lr: 0.001 },
    });
  });

  it('reports values that cannot give a field, naming the source field, and leaves that field out', () => {
    const { run, issues } = applyFieldMapping(facts, { flops: 'params.flops', seed: 'params.seed', ablation: 'tags.ablation' }, '0/r1/meta.yaml');
    expect(run.compute).toBeUndefined();
    expect(run.seed).toBeUndefined();
    expect(run.ablation).toBeUndefined();
    expect(issues.map((i) => [i.file, i.field])).toEqual([
      ['0/r1/meta.yaml', 'params.flops'],
      ['0/r1/meta.yaml', 'tags.ablation'],
      ['0/r1/meta.yaml', 'params.seed'],
    ]);
    expect(issues[0]).toMatchObject({ code: 'invalid-field', reason: '"lots" cannot give flops', expected: expect.stringMatching(/positive number/) });
    expect(toSyncIssue(issues[0]!)).toEqual({
      path: '0/r1/meta.yaml',
      line: null,
      code: 'invalid-field',
      message: 'params.flops: "lots" cannot give flops',
      expected: 'a positive number such as 1.1e9 or 1.1B',
    });
  });

  it('leaves a mapped field out quietly when a run simply does not have it', () => {
    const { run, issues } = applyFieldMapping(facts, { variant: 'tags.variant', params: 'params.missing' }, 'x');
    expect(issues).toEqual([]);
    expect(run.variant).toBeUndefined();
    expect(run.model).toBeUndefined();
    expect(run.group).toBe('Default');
  });

  it('spots mapping entries that can never match the source format', () => {
    expect(mappingFieldProblems({ params: 'param.n_params', group: 'tags.team' }, 'mlflow')).toEqual([
      'params: "param.n_params" is not a mlflow field; expected one starting with params., tags., experiment., run.',
    ]);
    expect(mappingFieldProblems({ params: 'hparams.n', group: 'path.0' }, 'tensorboard')).toEqual([]);
    expect(mappingFieldProblems({ params: 'params.n' }, 'tensorboard')).toHaveLength(1);
  });

  it('validates a mapping from settings or the command line, refusing unknown targets', () => {
    expect(fieldMappingSchema.safeParse({ params: 'params.n_params' }).success).toBe(true);
    expect(fieldMappingSchema.safeParse({ parameters: 'params.n_params' }).success).toBe(false);
    expect(fieldMappingSchema.safeParse({ params: '' }).success).toBe(false);
  });

  it.each([
    ['1.1e9', 1.1e9],
    ['1_100_000_000', 1.1e9],
    ['1.1B', 1.1e9],
    ['350m', 3.5e8],
    ['2T', 2e12],
    ['125k', 125_000],
    [' 42 ', 42],
    ['abc', undefined],
    ['1.1 billion', undefined],
  ])('reads the quantity %j', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });
});
