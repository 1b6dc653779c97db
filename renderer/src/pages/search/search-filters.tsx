// The search page's filters: kinds (with how many matches each has), area, owner, status and dates.
import { SEARCH_KINDS, type SearchKind } from '../../../../shared/api/search-methods';
import { useApiQuery } from '../../api/use-api';
import { KIND_LABELS } from '../../components/search-links';

export interface SearchFilterValues {
  kinds: SearchKind[];
  area?: string;
  owner?: string;
  status?: string;
  from?: string;
  to?: string;
}

type Patch = Record<string, string | undefined>;

const STATUSES: { value: string; label: string }[] = [
  { value: 'proposed', label: 'proposed' },
  { value: 'active', label: 'active' },
  { value: 'promising', label: 'promising' },
  { value: 'inconclusive', label: 'inconclusive (parked)' },
  { value: 'adopted', label: 'adopted' },
  { value: 'dropped', label: 'dropped' },
  { value: 'running', label: 'run: running' },
  { value: 'finished', label: 'run: finished' },
  { value: 'failed', label: 'run: failed' },
  { value: 'killed', label: 'run: killed' },
];

export function SearchFilters({ values, counts, onChange }: { values: SearchFilterValues; counts?: Record<SearchKind, number>; onChange: (patch: Patch) => void }) {
  const choices = useApiQuery('listIdentityChoices', {});
  const people = choices.data?.people ?? [];
  const areas = [...new Set(people.map((person) => person.area).filter((area): area is string => Boolean(area)))].sort();
  const toggleKind = (kind: SearchKind) => {
    const next = values.kinds.includes(kind) ? values.kinds.filter((k) => k !== kind) : [...values.kinds, kind];
    onChange({ kinds: next.length > 0 ? next.join(',') : undefined });
  };
  const select = (key: keyof Patch & string, label: string, options: { value: string; label: string }[], current?: string) => (
    <label className="search-filter">
      <span className="muted">{label}</span>
      <select className="input" value={current ?? ''} onChange={(event) => onChange({ [key]: event.target.value || undefined })}>
        <option value="">any</option>
        {current && !options.some((option) => option.value === current) && <option value={current}>{current}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="search-filters">
      <div className="row" role="group" aria-label="Kinds">
        {SEARCH_KINDS.map((kind) => (
          <button key={kind} className="btn search-kind" aria-pressed={values.kinds.includes(kind)} onClick={() => toggleKind(kind)}>
            {KIND_LABELS[kind].many}
            {counts && <span className="muted"> {counts[kind]}</span>}
          </button>
        ))}
      </div>
      <div className="row">
        {select('area', 'Area', areas.map((area) => ({ value: area, label: area })), values.area)}
        {select('owner', 'Owner', people.map((person) => ({ value: person.id, label: person.name ?? person.id })), values.owner)}
        {select('status', 'Status', STATUSES, values.status)}
        <label className="search-filter">
          <span className="muted">From</span>
          <input className="input" type="date" value={values.from ?? ''} max={values.to} onChange={(event) => onChange({ from: event.target.value || undefined })} />
        </label>
        <label className="search-filter">
          <span className="muted">To</span>
          <input className="input" type="date" value={values.to ?? ''} min={values.from} onChange={(event) => onChange({ to: event.target.value || undefined })} />
        </label>
        {(values.kinds.length > 0 || values.area || values.owner || values.status || values.from || values.to) && (
          <button className="btn" onClick={() => onChange({ kinds: undefined, area: undefined, owner: undefined, status: undefined, from: undefined, to: undefined })}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
