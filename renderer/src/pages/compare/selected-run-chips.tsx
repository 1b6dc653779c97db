// The runs being compared, one chip each in its series colour and dash, with the baseline marked and a
// button to drop a run. Past eight runs the chips fold to two rows, so the chart stays in view.
import { useState } from 'react';
import { updateParams } from '../../app/router';
import type { ColorOf } from '../../components/series-chart/series-colors';
import { seriesDash } from '../../theme/palette';

const FOLD_AFTER = 8;

interface SelectedRunChipsProps {
  runIds: string[];
  labels: ReadonlyMap<string, string>;
  baseline: readonly string[];
  seriesColor: ColorOf;
}

export function SelectedRunChips({ runIds, labels, baseline, seriesColor }: SelectedRunChipsProps) {
  const [unfolded, setUnfolded] = useState(false);
  const foldable = runIds.length > FOLD_AFTER;
  return (
    <div className="selected-runs-frame">
      <div className={foldable && !unfolded ? 'selected-runs folded' : 'selected-runs'} data-testid="selected-runs">
        {runIds.map((id, i) => (
          <span key={id} className="run-chip" style={{ borderColor: seriesColor(i) }}>
            <svg className="swatch" width="18" height="8" aria-hidden="true">
              <line x1="1" x2="17" y1="4" y2="4" stroke={seriesColor(i)} strokeWidth="2.5" strokeDasharray={seriesDash(i) || undefined} />
            </svg>
            {labels.get(id) ?? id}
            {baseline.includes(id) && <span className="badge">baseline</span>}
            <button type="button" aria-label={`Remove ${id}`} onClick={() => updateParams({ runs: runIds.filter((r) => r !== id) })}>
              ×
            </button>
          </span>
        ))}
      </div>
      {foldable && (
        <button type="button" className="btn small" data-testid="unfold-runs" aria-expanded={unfolded} onClick={() => setUnfolded(!unfolded)}>
          {unfolded ? 'Fold the runs' : `Show all ${runIds.length} runs`}
        </button>
      )}
    </div>
  );
}
