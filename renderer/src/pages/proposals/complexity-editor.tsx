// Editing a proposal's complexity assessment: the four scores (0–5) and the usability tax in %.
// Saving writes a `complexity` event, which replaces the assessment from its time on.
import { useState } from 'react';
import { COMPLEXITY_LABELS, COMPLEXITY_SCORE_KEYS, type ComplexityScores } from '../../../../shared/domain/store-events';
import { useApiMutation } from '../../api/use-api';
import { IdentityPicker } from '../../components/identity/identity-picker';
import { useIdentity } from '../../components/identity/use-identity';

const HINTS: Record<(typeof COMPLEXITY_SCORE_KEYS)[number], string> = {
  code: 'code added and how subtle it is',
  knobs: 'new hyperparameters that need tuning',
  infra: 'burden on training and serving infrastructure',
  risk: 'chance it breaks at scale or blocks other work',
};

export function ComplexityEditor({ proposalId, initial, onDone }: { proposalId: string; initial: Partial<ComplexityScores> | null; onDone: () => void }) {
  const [scores, setScores] = useState(() => Object.fromEntries(COMPLEXITY_SCORE_KEYS.map((k) => [k, String(initial?.[k] ?? 0)])) as Record<string, string>);
  const [taxPercent, setTaxPercent] = useState(String(((initial?.usability_tax ?? 0) * 100).toFixed(1).replace(/\.0$/, '')));
  const save = useApiMutation('setComplexity');
  const author = useIdentity();
  const values = COMPLEXITY_SCORE_KEYS.map((k) => Number(scores[k]));
  const tax = Number(taxPercent) / 100;
  const invalid = values.some((v) => !Number.isFinite(v) || v < 0 || v > 5) || !Number.isFinite(tax) || tax < 0 || tax > 1 || taxPercent.trim() === '';

  const submit = () => {
    if (invalid || !author) return;
    const complexity = { ...Object.fromEntries(COMPLEXITY_SCORE_KEYS.map((k, i) => [k, values[i]!])), usability_tax: tax } as ComplexityScores;
    save.mutate({ proposalId, complexity, author }, { onSuccess: onDone });
  };

  return (
    <form
      className="complexity-editor"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
      aria-label="Edit complexity"
    >
      {COMPLEXITY_SCORE_KEYS.map((key) => (
        <label key={key} className="complexity-field">
          <span>
            {COMPLEXITY_LABELS[key]} <span className="muted">({HINTS[key]})</span>
          </span>
          <input className="input" type="number" min={0} max={5} step={1} value={scores[key]} onChange={(e) => setScores({ ...scores, [key]: e.target.value })} />
        </label>
      ))}
      <label className="complexity-field">
        <span>
          Usability tax, % <span className="muted">(how much slower it makes everyone else's work)</span>
        </span>
        <input className="input" type="number" min={0} max={100} step={0.5} value={taxPercent} onChange={(e) => setTaxPercent(e.target.value)} />
      </label>
      {invalid && <div className="error-panel">Scores go from 0 to 5; the tax from 0 to 100 %.</div>}
      {save.error && <div className="error-panel" role="alert">{save.error.message}</div>}
      <IdentityPicker label="Assessing as" />
      <div className="row">
        <button type="submit" className="btn primary" disabled={invalid || save.isPending || !author}>
          {save.isPending ? 'Writing…' : 'Save assessment'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
