import { afterAll, describe, expect, it } from 'vitest';
import { ablationDetail, AblationNotFoundError, listAblationResults } from '../../../../electron/core/queries/ablations/ablation-results';
import { welchTTest } from '../../../../shared/stats';
import { createCache, insertRun, insertSeries, writePoints } from '../../series-summary/cache-fixture';

const cache = createCache();
afterAll(() => cache.close());
const trust = () => null;

cache.sqlite
  .prepare(
    `INSERT INTO ablations (id, title, metric, compare_at, baseline, raw_json, file) VALUES
       ('abl-1', 'MTP heads', 'eval/loss', 'tokens', 'base', '{}', 'ablations/abl-1.yaml'),
       ('abl-2', 'Accuracy at steps', 'eval/acc', 'step', 'base', '{}', 'ablations/abl-2.yaml')`,
  )
  .run();

let n = 0;
/** A run of abl-1 whose eval/loss is `value` at tokens 1500, reached linearly between tokens 1000 and 2000. */
function armRun(variant: string, value: number, params = 1e8): void {
  const runPk = insertRun(cache, { id: `r-${n++}`, ablation: 'abl-1', variant, params });
  const pk = insertSeries(cache, runPk, 'eval/loss');
  writePoints(cache, pk, [
    { step: 0, tokens: 0, value: 4 },
    { step: 1, tokens: 1000, value: value + 0.1 },
    { step: 2, tokens: 2000, value: value - 0.1 },
  ]);
}
const ARMS: Record<string, number[]> = {
  base: [2.9, 2.92, 2.88],
  better: [2.7, 2.71, 2.69],
  same: [2.91, 2.89, 2.93],
  worse: [3.2, 3.21, 3.19],
};
for (const [variant, values] of Object.entries(ARMS)) for (const v of values) armRun(variant, v);
// One seed that stopped at tokens 1500: it sets the comparison point and has no spread.
const soloPk = insertSeries(cache, insertRun(cache, { id: 'r-solo', ablation: 'abl-1', variant: 'solo', params: 1e8 }), 'eval/loss');
writePoints(cache, soloPk, [{ step: 0, tokens: 0, value: 4 }, { step: 1, tokens: 1500, value: 2.5 }]);
// A larger size with one seed each.
armRun('base', 2.5, 4e8);
armRun('better', 2.3, 4e8);

describe('ablation results', () => {
  const [abl1, abl2] = listAblationResults(cache.sqlite, trust);
  const small = abl1.sizes.find((s) => s.params === 1e8)!;
  const variant = (name: string) => small.variants.find((v) => v.variant === name)!;

  it('reads every run at the largest tokens all of them reached, interpolating between logged points', () => {
    expect(small.x).toBe(1500);
    for (const [name, values] of Object.entries(ARMS)) {
      const got = (variant(name).values as number[]).slice().sort();
      [...values].sort().forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
    }
    expect(variant('solo').values).toEqual([2.5]);
    expect(small.variants[0]).toMatchObject({ variant: 'base', isBaseline: true, delta: null, verdict: null });
  });

  it('gives the delta, Welch 95 % interval and verdict of each variant against the baseline', () => {
    const expected = welchTTest(variant('better').values as number[], variant('base').values as number[]);
    if (!expected.noiseEstimate) throw new Error('fixture should have a noise estimate');
    expect(variant('better')).toMatchObject({ n: 3, verdict: 'better', noiseNote: null });
    expect(variant('better').delta).toBeCloseTo(-0.2, 10);
    expect(variant('better').interval![0]).toBeCloseTo(expected.interval[0], 12);
    expect(variant('better').interval![1]).toBeLessThan(0);
    expect(variant('same').verdict).toBe('within-noise');
    expect(variant('worse').verdict).toBe('worse');
    expect(variant('base').std).toBeCloseTo(0.02, 10);
  });

  it('with a single seed says there is no noise estimate instead of inventing an interval', () => {
    expect(variant('solo')).toMatchObject({ n: 1, verdict: 'no-noise-estimate', interval: null, std: null });
    expect(variant('solo').delta).toBeCloseTo(2.5 - 2.9, 10);
    expect(variant('solo').noiseNote).toMatch(/no noise estimate/);
  });

  it('compares each model size on its own', () => {
    const large = abl1.sizes.find((s) => s.params === 4e8)!;
    expect(large.x).toBe(2000);
    expect(large.variants.map((v) => [v.variant, v.verdict])).toEqual([['base', null], ['better', 'no-noise-estimate']]);
    expect(abl1.better).toBe('lower');
  });

  it('says why an ablation has no result yet, and refuses an unknown id', () => {
    expect(abl2.note).toMatch(/no run of this ablation has logged eval\/acc/);
    expect(abl2.better).toBe('higher');
    expect(ablationDetail(cache.sqlite, 'abl-1', trust).runs).toHaveLength(ARMS.base.length * 4 + 3);
    expect(() => ablationDetail(cache.sqlite, 'abl-9', trust)).toThrow(AblationNotFoundError);
  });
});
