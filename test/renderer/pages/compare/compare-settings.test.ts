// The Compare page's view comes from the route: defaults, and nonsense in the URL ignored, not obeyed.
import { describe, expect, it } from 'vitest';
import { readCompareSettings } from '../../../../renderer/src/pages/compare/compare-settings';
import { readRunsSettings } from '../../../../renderer/src/pages/runs/runs-settings';

describe('route settings', () => {
  it('reads a shared Compare link, and falls back to defaults for what is missing or wrong', () => {
    const s = readCompareSettings(new URLSearchParams('runs=r-1,r-2&x=tokens&smooth=0.6&view=delta&baseline=r-1&from=10&to=20&ylog=1'));
    expect(s).toMatchObject({ runIds: ['r-1', 'r-2'], x: 'tokens', smoothing: 0.6, view: 'delta', baseline: ['r-1'], from: 10, to: 20, yLog: true, xLog: false });
    const bad = readCompareSettings(new URLSearchParams('x=furlongs&smooth=7&view=pie&from=20&to=10'));
    expect(bad).toMatchObject({ runIds: [], x: 'step', smoothing: 0.999, view: 'lines', from: undefined, to: undefined });
  });

  it('reads the Runs page filters, sort and selection', () => {
    const s = readRunsSettings(new URLSearchParams('q=mtp&status=running,bogus&sort=params:asc&cols=lr&groupby=variant&selected=a,b&baseline=a'));
    expect(s).toMatchObject({ text: 'mtp', status: ['running'], sort: { key: 'params', dir: 'asc' }, columns: ['lr'], groupBy: 'variant', selected: ['a', 'b'], baseline: 'a' });
    expect(readRunsSettings(new URLSearchParams('')).sort).toEqual({ key: 'createdAt', dir: 'desc' });
  });
});
