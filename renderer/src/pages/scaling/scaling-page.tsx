// The Scaling page: does it hold as models grow? Pick a group (a scaling ladder), an ablation or
// one of its variants, and a metric; see the Chinchilla fit with intervals, the compute-optimal
// frontier, predictions with how far they reach, and each scaling ablation's effective-compute
// multiplier. State lives in the URL (#/scaling?scope=group:ladder-v3&metric=…&target=…).
import type { ReactNode } from 'react';
import type { ScalingScopeEntry, ScalingScopeInput } from '../../../../shared/api/scaling-methods';
import { useApiQuery } from '../../api/use-api';
import { updateParams, useRoute } from '../../app/router';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { AblationView } from './ablation-view';
import { FitView } from './fit-view';
import './scaling-page.css';

interface Selection {
  key: string;
  entry: ScalingScopeEntry;
  variant: string | null;
}

const LAST_OPTIONS = [
  { value: '', label: 'Last point' },
  { value: '5', label: 'Mean of last 5 %' },
  { value: '10', label: 'Mean of last 10 %' },
  { value: '20', label: 'Mean of last 20 %' },
];

export function scopeKey(entry: ScalingScopeEntry, variant: string | null = null): string {
  if (entry.kind === 'all') return 'all';
  return variant === null ? `${entry.kind}:${entry.id}` : `${entry.kind}:${entry.id}:${variant}`;
}

function select(scopes: ScalingScopeEntry[], key: string | null): Selection | null {
  for (const entry of scopes) {
    if (scopeKey(entry) === key) return { key, entry, variant: null };
    for (const v of entry.variants) if (scopeKey(entry, v.key) === key) return { key, entry, variant: v.key };
  }
  const first = scopes.find((s) => s.kind === 'group') ?? scopes[0];
  return first ? { key: scopeKey(first), entry: first, variant: null } : null;
}

function ScopePicker({ scopes, selection }: { scopes: ScalingScopeEntry[]; selection: Selection }) {
  const groups = scopes.filter((s) => s.kind === 'group');
  const ablations = scopes.filter((s) => s.kind === 'ablation');
  const all = scopes.find((s) => s.kind === 'all');
  return (
    <label className="row">
      <span className="muted">Runs</span>
      <select className="input" value={selection.key} onChange={(e) => updateParams({ scope: e.target.value, metric: undefined })} aria-label="Runs to fit" data-testid="scope-picker">
        {groups.length > 0 && (
          <optgroup label="Groups">
            {groups.map((g) => (
              <option key={scopeKey(g)} value={scopeKey(g)}>
                {g.id} · {g.runs} runs, {g.sizes} sizes
              </option>
            ))}
          </optgroup>
        )}
        {ablations.length > 0 && (
          <optgroup label="Ablations across scale">
            {ablations.flatMap((a) => [
              <option key={scopeKey(a)} value={scopeKey(a)}>
                {a.id} · {a.title ?? 'effective compute'}
              </option>,
              ...a.variants.map((v) => (
                <option key={scopeKey(a, v.key)} value={scopeKey(a, v.key)}>
                  {'\u2003'}
                  {a.id} · {v.key} ({v.runs} runs, {v.sizes} sizes)
                </option>
              )),
            ])}
          </optgroup>
        )}
        {all && (
          <optgroup label="Everything">
            <option value="all">Every run with N and D · {all.runs} runs</option>
          </optgroup>
        )}
      </select>
    </label>
  );
}

function positive(text: string | null): number | null {
  if (text === null) return null;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function ScalingPage() {
  const { params } = useRoute();
  const scopes = useApiQuery('listScalingScopes', {});
  const info = useApiQuery('getAppInfo', {});
  const header = (children?: ReactNode) => (
    <PageHeader title="Scaling" subtitle="Chinchilla fits with intervals, the compute-optimal frontier, and each ablation's effective compute">
      {children}
    </PageHeader>
  );
  if (scopes.error) {
    return (
      <div className="page scaling-page">
        {header()}
        <ErrorPanel error={scopes.error} title="The fittable runs could not be listed" />
      </div>
    );
  }
  if (!scopes.data) {
    return (
      <div className="page scaling-page">
        {header()}
        <LoadingState what="the runs that can be fitted" />
      </div>
    );
  }
  const selection = select(scopes.data.scopes, params.get('scope'));
  if (!selection) {
    return (
      <div className="page scaling-page">
        {header()}
        <div className="panel">
          <EmptyState title="Nothing to fit yet">
            A scaling fit needs runs whose <code>run.json</code> gives <code>model.params</code> and <code>data.tokens</code>, at 3 or more model sizes,
            each with a final loss in <code>metrics.jsonl</code>. Put a ladder's runs in one <code>group</code>, or an ablation's variants at several sizes.
          </EmptyState>
        </div>
      </div>
    );
  }
  const { entry, variant } = selection;
  const metric = params.get('metric') ?? entry.metric;
  const lastText = params.get('last') ?? '';
  const lastPercent = positive(lastText) ?? undefined;
  const target = positive(params.get('target'));
  const E = params.get('e') === 'free' ? 'free' : 'shared';
  const showAblation = entry.kind === 'ablation' && variant === null;
  const scope: ScalingScopeInput = {
    ...(entry.kind === 'group' ? { group: entry.id! } : entry.kind === 'ablation' ? { ablation: entry.id!, ...(variant !== null ? { variant } : {}) } : {}),
    metric,
    ...(lastPercent !== undefined ? { lastPercent } : {}),
  };
  const metrics = entry.metrics.includes(metric) ? entry.metrics : [metric, ...entry.metrics];
  return (
    <div className="page scaling-page">
      {header(
        <>
          <ScopePicker scopes={scopes.data.scopes} selection={selection} />
          <label className="row">
            <span className="muted">Metric</span>
            <select className="input" value={metric} onChange={(e) => updateParams({ metric: e.target.value })} aria-label="Metric to fit">
              {metrics.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <label className="row">
            <span className="muted">Final loss</span>
            <select className="input" value={lastPercent === undefined ? '' : lastText} onChange={(e) => updateParams({ last: e.target.value || undefined })} aria-label="Final loss">
              {LAST_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        </>,
      )}
      {showAblation ? (
        <>
          {entry.title && <p className="scaling-question">{entry.title}</p>}
          <AblationView key={`${selection.key}|${metric}|${E}`} entry={entry} metric={metric} lastPercent={lastPercent} E={E} target={target} />
        </>
      ) : (
        <FitView key={`${selection.key}|${metric}|${lastText}`} scope={scope} target={target} onTarget={(t) => updateParams({ target: String(t) })} canWrite={info.data?.canWrite ?? false} />
      )}
    </div>
  );
}
