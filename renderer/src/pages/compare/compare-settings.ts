// The Compare page's state lives in the route (#/compare?runs=…&x=tokens&smooth=0.6…), so a view can be
// shared, bookmarked and restored; these read it with defaults and validation.
import { X_KINDS, type DeltaBandKind, type GroupBy, type SeedBand, type XKind } from '../../../../shared/domain/run-views';
import { MAX_SMOOTHING_WEIGHT } from '../../../../shared/series';

export type CompareView = 'lines' | 'seeds' | 'delta';

export interface CompareSettings {
  runIds: string[];
  metrics: string[];
  x: XKind;
  xLog: boolean;
  yLog: boolean;
  smoothing: number;
  view: CompareView;
  seedBand: SeedBand;
  deltaBand: DeltaBandKind;
  groupBy: GroupBy;
  baseline: string[];
  from: number | undefined;
  to: number | undefined;
}

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);
const finite = (value: string | null) => (value !== null && value !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined);

export function readCompareSettings(params: URLSearchParams): CompareSettings {
  const x = params.get('x') as XKind | null;
  const view = params.get('view');
  const smoothing = finite(params.get('smooth')) ?? 0;
  const from = finite(params.get('from'));
  const to = finite(params.get('to'));
  const zoomed = from !== undefined && to !== undefined && to > from;
  return {
    runIds: list(params.get('runs')),
    metrics: list(params.get('metrics')),
    x: x && (X_KINDS as readonly string[]).includes(x) ? x : 'step',
    xLog: params.get('xlog') === '1',
    yLog: params.get('ylog') === '1',
    smoothing: Math.min(MAX_SMOOTHING_WEIGHT, Math.max(0, smoothing)),
    view: view === 'seeds' || view === 'delta' ? view : 'lines',
    seedBand: params.get('band') === 'std' ? 'std' : 'min-max',
    deltaBand: params.get('dband') === 'min-max' ? 'min-max' : 'standard-error',
    groupBy: params.get('group') === 'group' ? 'group' : 'variant',
    baseline: list(params.get('baseline')),
    from: zoomed ? from : undefined,
    to: zoomed ? to : undefined,
  };
}
