// The Compare page's controls: metrics, x axis, log axes, smoothing, view (lines, seeds, delta) and its
// band, grouping, the baseline, and the zoom reset. Every change goes to the route.
import { useEffect, useState } from 'react';
import { X_KINDS, type MetricInfo, type RunRow } from '../../../../shared/domain/run-views';
import { MAX_SMOOTHING_WEIGHT } from '../../../../shared/series';
import { updateParams } from '../../app/router';
import { X_LABELS } from '../../components/series-chart/chart-format';
import { TrustBadge } from '../../components/series-chart/trust-badge';
import type { CompareSettings } from './compare-settings';

function Segmented<T extends string>({ label, value, options, onChange, testId }: { label: string; value: T; options: readonly { id: T; label: string }[]; onChange(v: T): void; testId?: string }) {
  return (
    <div className="segmented" role="group" aria-label={label} data-testid={testId}>
      {options.map((o) => (
        <button key={o.id} type="button" className="btn small" aria-pressed={value === o.id} onClick={() => onChange(o.id)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

function SmoothingSlider({ value }: { value: number }) {
  const [local, setLocal] = useState(value);
  useEffect(() => setLocal(value), [value]);
  useEffect(() => {
    if (local === value) return;
    // The EMA runs over every point of every run: wait until the slider rests.
    const timer = setTimeout(() => updateParams({ smooth: local > 0 ? String(local) : undefined }), 250);
    return () => clearTimeout(timer);
  }, [local, value]);
  return (
    <label className="smoothing" title="TensorBoard's debiased exponential moving average, over every point, before reduction">
      Smoothing
      <input type="range" min={0} max={MAX_SMOOTHING_WEIGHT} step={0.001} value={local} onChange={(e) => setLocal(Number(e.target.value))} data-testid="smoothing-slider" aria-valuetext={local.toFixed(3)} />
      <output>{local.toFixed(3)}</output>
    </label>
  );
}

/** Runs grouped as the seed and delta views group them, for picking the baseline. */
function baselineChoices(runs: RunRow[], groupBy: CompareSettings['groupBy']): { label: string; ids: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const run of runs) {
    const label = groupBy === 'variant' && run.variant ? run.variant : groupBy === 'group' && run.group ? run.group : (run.name ?? run.id);
    groups.set(label, [...(groups.get(label) ?? []), run.id]);
  }
  return [...groups].map(([label, ids]) => ({ label, ids }));
}

interface CompareControlsProps {
  settings: CompareSettings;
  metrics: MetricInfo[];
  shownMetrics: string[];
  runs: RunRow[];
}

/** The select's value for a baseline pinned as runs that form none of the groups (choices are their indices). */
const PINNED = 'pinned';

function sameRuns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

export function CompareControls({ settings: s, metrics, shownMetrics, runs }: CompareControlsProps) {
  const choices = baselineChoices(runs, s.groupBy);
  // The baseline in the route is a set of runs: it matches a group whatever the order it was pinned in.
  const current = choices.findIndex((c) => sameRuns(c.ids, s.baseline));
  const baselineValue = current >= 0 ? String(current) : s.baseline.length > 0 ? PINNED : '';
  return (
    <div className="panel compare-controls" data-testid="compare-controls">
      <div className="row">
        <span className="control-label">Metrics</span>
        <div className="metric-chips" data-testid="metric-chips">
          {metrics.slice(0, 60).map((m) => {
            const on = shownMetrics.includes(m.key);
            return (
              <button
                key={m.key}
                type="button"
                className="btn small chip"
                aria-pressed={on}
                onClick={() => {
                  const next = on ? shownMetrics.filter((k) => k !== m.key) : [...shownMetrics, m.key];
                  updateParams({ metrics: next.length > 0 ? next : undefined });
                }}
              >
                {m.key}
                {m.trust && <TrustBadge trust={m.trust} />}
              </button>
            );
          })}
        </div>
      </div>
      <div className="row">
        <span className="control-label">X axis</span>
        <Segmented label="X axis" testId="x-axis" value={s.x} options={X_KINDS.map((k) => ({ id: k, label: X_LABELS[k] }))} onChange={(x) => updateParams({ x: x === 'step' ? undefined : x, from: undefined, to: undefined })} />
        <label>
          <input type="checkbox" checked={s.xLog} onChange={(e) => updateParams({ xlog: e.target.checked ? '1' : undefined, from: undefined, to: undefined })} /> log x
        </label>
        <label>
          <input type="checkbox" checked={s.yLog} onChange={(e) => updateParams({ ylog: e.target.checked ? '1' : undefined })} /> log y
        </label>
        <SmoothingSlider value={s.smoothing} />
        {s.from !== undefined && (
          <button type="button" className="btn small" data-testid="reset-zoom" onClick={() => updateParams({ from: undefined, to: undefined })}>
            Reset zoom
          </button>
        )}
      </div>
      <div className="row">
        <span className="control-label">View</span>
        <Segmented
          label="View"
          testId="view"
          value={s.view}
          options={[
            { id: 'lines', label: 'Runs' },
            { id: 'seeds', label: 'Seed groups' },
            { id: 'delta', label: 'Delta vs baseline' },
          ]}
          onChange={(view) => updateParams({ view: view === 'lines' ? undefined : view })}
        />
        {s.view !== 'lines' && (
          <Segmented label="Group runs by" value={s.groupBy} options={[{ id: 'variant', label: 'by variant' }, { id: 'group', label: 'by group' }]} onChange={(g) => updateParams({ group: g === 'variant' ? undefined : g })} />
        )}
        {s.view === 'seeds' && (
          <Segmented label="Band" testId="seed-band" value={s.seedBand} options={[{ id: 'min-max', label: 'min–max' }, { id: 'std', label: '±1 sd' }]} onChange={(b) => updateParams({ band: b === 'min-max' ? undefined : b })} />
        )}
        {s.view === 'delta' && (
          <>
            <Segmented label="Band" value={s.deltaBand} options={[{ id: 'standard-error', label: '±1 SE' }, { id: 'min-max', label: 'min–max' }]} onChange={(b) => updateParams({ dband: b === 'standard-error' ? undefined : b })} />
            <label>
              Baseline{' '}
              <select
                className="input"
                data-testid="baseline-select"
                value={baselineValue}
                onChange={(e) => {
                  const choice = choices[Number(e.target.value)];
                  if (choice) updateParams({ baseline: choice.ids });
                }}
              >
                {baselineValue === '' && <option value="">choose…</option>}
                {baselineValue === PINNED && (
                  <option value={PINNED}>
                    {s.baseline.length} pinned run{s.baseline.length === 1 ? '' : 's'}
                  </option>
                )}
                {choices.map((c, i) => (
                  <option key={c.label} value={String(i)}>
                    {c.label} ({c.ids.length})
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
    </div>
  );
}
