// The filters above the runs table: free text, status, owner, group, tag, ablation and proposal (each
// choice with its count), grouping, and the config keys to add as columns.
import { useEffect, useState } from 'react';
import { RUN_TEXT_FILTER_MAX } from '../../../../shared/api/runs-methods';
import { RUN_STATUSES, type Facet, type RunList } from '../../../../shared/domain/run-views';
import { updateParams } from '../../app/router';
import { GROUP_FIELDS, type RunsSettings } from './runs-settings';

function FacetSelect({ label, param, value, facets }: { label: string; param: string; value: string | undefined; facets: Facet[] }) {
  return (
    <label className="facet">
      <span>{label}</span>
      <select className="input" value={value ?? ''} onChange={(e) => updateParams({ [param]: e.target.value || undefined })} data-testid={`filter-${param}`}>
        <option value="">all</option>
        {value && !facets.some((f) => f.value === value) && <option value={value}>{value}</option>}
        {facets.map((f) => (
          <option key={f.value} value={f.value}>
            {f.value} ({f.count})
          </option>
        ))}
      </select>
    </label>
  );
}

export function RunsFilters({ settings, list }: { settings: RunsSettings; list: RunList | undefined }) {
  const [text, setText] = useState(settings.text);
  useEffect(() => setText(settings.text), [settings.text]);
  useEffect(() => {
    if (text === settings.text) return;
    const timer = setTimeout(() => updateParams({ q: text || undefined }), 200);
    return () => clearTimeout(timer);
  }, [text, settings.text]);
  const facets = list?.facets;
  const statusCount = (s: string) => facets?.statuses.find((f) => f.value === s)?.count ?? 0;
  return (
    <div className="panel runs-filters" data-testid="runs-filters">
      <div className="row">
        <input
          className="input grow"
          type="search"
          placeholder="Filter runs: id, name, owner, group, variant, tag…"
          aria-label="Filter runs by text"
          maxLength={RUN_TEXT_FILTER_MAX}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="runs-search"
        />
        <div className="status-filter" role="group" aria-label="Status">
          {RUN_STATUSES.map((s) => {
            const on = settings.status.includes(s);
            return (
              <button
                key={s}
                type="button"
                className="btn small"
                aria-pressed={on}
                onClick={() => updateParams({ status: on ? settings.status.filter((x) => x !== s) : [...settings.status, s] })}
              >
                {s} <span className="muted">{statusCount(s)}</span>
              </button>
            );
          })}
        </div>
      </div>
      <div className="row">
        <FacetSelect label="Owner" param="owner" value={settings.owner} facets={facets?.owners ?? []} />
        <FacetSelect label="Group" param="group" value={settings.group} facets={facets?.groups ?? []} />
        <FacetSelect label="Tag" param="tag" value={settings.tag} facets={facets?.tags ?? []} />
        <FacetSelect label="Ablation" param="ablation" value={settings.ablation} facets={facets?.ablations ?? []} />
        <FacetSelect label="Proposal" param="proposal" value={settings.proposal} facets={facets?.proposals ?? []} />
        <label className="facet">
          <span>Group rows by</span>
          <select className="input" value={settings.groupBy} onChange={(e) => updateParams({ groupby: e.target.value === 'none' ? undefined : e.target.value })} data-testid="group-by">
            {GROUP_FIELDS.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label className="facet">
          <span>Add column</span>
          <select
            className="input"
            value=""
            onChange={(e) => e.target.value && updateParams({ cols: [...settings.columns, e.target.value] })}
            data-testid="add-column"
          >
            <option value="">config key…</option>
            {(list?.configKeys ?? [])
              .filter((k) => !settings.columns.includes(k.value))
              .slice(0, 300)
              .map((k) => (
                <option key={k.value} value={k.value}>
                  {k.value} ({k.count})
                </option>
              ))}
          </select>
        </label>
      </div>
      {settings.columns.length > 0 && (
        <div className="row extra-columns">
          {settings.columns.map((c) => (
            <span key={c} className="badge">
              {c}{' '}
              <button type="button" aria-label={`Remove column ${c}`} onClick={() => updateParams({ cols: settings.columns.filter((x) => x !== c) })}>
                ×
              </button>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
