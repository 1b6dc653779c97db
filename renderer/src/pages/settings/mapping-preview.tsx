// The live preview of a field mapping: what it gives the runs of the source the cache mirrors — their
// parameters and tokens, the scaling ladders (groups) and ablations they join, and what it cannot use.
import type { FieldMappingInput } from '../../../../shared/api/sources-methods';
import { useApiQuery } from '../../api/use-api';
import { ErrorPanel, LoadingState } from '../../components/state-views';

const plural = (n: number, what: string) => `${n.toLocaleString()} ${what}${n === 1 ? '' : 's'}`;
const joining = (n: number) => `${plural(n, 'run')} ${n === 1 ? 'joins' : 'join'}`;
const number = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US', { notation: n >= 1e5 ? 'compact' : 'standard', maximumFractionDigits: 3 }));

export function MappingPreview({ mapping }: { mapping: FieldMappingInput }) {
  const preview = useApiQuery('previewFieldMapping', { fieldMapping: mapping }, { placeholderData: (previous) => previous });
  if (preview.isPending) return <LoadingState what="the preview" />;
  if (preview.error) return <ErrorPanel error={preview.error} title="No preview" />;
  const p = preview.data;
  if (p.totalRuns === 0) return <p className="muted">The source has no runs in the cache yet: sync it first, then the preview shows what the mapping gives them.</p>;
  const ladders = p.groups.filter((g) => g.withScale > 0);
  return (
    <div className="mapping-preview" data-testid="mapping-preview">
      <datalist id="source-field-names">
        {p.fields.map((f) => (
          <option key={f.name} value={f.name}>{`${f.runs} runs`}</option>
        ))}
      </datalist>
      {p.problems.length > 0 && (
        <div className="error-panel" role="alert">
          {p.problems.map((problem) => (
            <div key={problem}>{problem}</div>
          ))}
        </div>
      )}
      <p className="muted">
        {plural(p.totalRuns, 'run')}. {ladders.length === 0 ? 'No run has both parameters and tokens yet, so none joins a scaling fit.' : `${joining(ladders.reduce((n, g) => n + g.withScale, 0))} ${plural(ladders.length, 'scaling fit')}:`}
      </p>
      {ladders.length > 0 && (
        <ul className="preview-fits">
          {ladders.map((g) => (
            <li key={g.group}>
              <strong>{g.group}</strong> <span className="muted">{g.withScale} of {g.runs} runs with N and D</span>
            </li>
          ))}
          {p.ablations.map((a) => (
            <li key={`${a.ablation}/${a.variant ?? ''}`}>
              ablation <strong>{a.ablation}</strong> {a.variant ? <>variant <strong>{a.variant}</strong></> : null} <span className="muted">{a.runs} runs</span>
            </li>
          ))}
        </ul>
      )}
      <div className="preview-table-wrap">
        <table className="data preview-table">
          <thead>
            <tr>
              <th>Run</th>
              <th>Group</th>
              <th className="num">Params</th>
              <th className="num">Tokens</th>
              <th>Ablation / variant</th>
              <th className="num">Seed</th>
              <th>Cannot use</th>
            </tr>
          </thead>
          <tbody>
            {p.runs.map((run) => (
              <tr key={run.id}>
                <td title={run.id}>{run.name ?? run.id}</td>
                <td>{run.group ?? '—'}</td>
                <td className="num">{number(run.params)}</td>
                <td className="num">{number(run.tokens)}</td>
                <td>{run.ablation ? `${run.ablation}${run.variant ? ` / ${run.variant}` : ''}` : '—'}</td>
                <td className="num">{run.seed ?? '—'}</td>
                <td className="preview-problems">{run.problems.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.runs.length < p.totalRuns && <p className="muted">The first {p.runs.length} runs are shown.</p>}
    </div>
  );
}
