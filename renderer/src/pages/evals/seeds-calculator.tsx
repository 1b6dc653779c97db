// How many seeds per arm an ablation needs: pick an eval, type the delta you expect, read the seeds that
// resolve it at 95 % confidence with 80 % power, from the eval's noise floor.
import { useId, useState } from 'react';
import type { EvalQuality } from '../../../../shared/api/evals-methods';
import { EVAL_ALPHA, EVAL_POWER } from '../../../../shared/domain/eval-quality';
import { seedsNeeded } from '../../../../shared/stats';
import { formatValue } from './evals-format';

function answerFor(quality: EvalQuality | undefined, text: string): { tone: 'ok' | 'muted' | 'warn'; text: string } {
  if (!quality) return { tone: 'muted', text: 'Pick an eval.' };
  const std = quality.noiseFloor.std;
  if (std === null) return { tone: 'warn', text: `${quality.metric} has no noise floor: ${quality.noiseFloor.reason ?? 'no seeds to compare'}.` };
  if (text.trim() === '') return { tone: 'muted', text: `Type the delta you expect on ${quality.metric} (noise σ ${formatValue(std)}).` };
  const delta = Number(text.replace('−', '-'));
  if (!Number.isFinite(delta)) return { tone: 'warn', text: `"${text}" is not a number; type a delta such as -0.005.` };
  const answer = seedsNeeded(std, delta, { alpha: EVAL_ALPHA, power: EVAL_POWER });
  if (answer.seeds === null) return { tone: 'warn', text: `${answer.reason}.` };
  return {
    tone: 'ok',
    text: `${answer.seeds} seeds per arm (${2 * answer.seeds} runs at each size) resolve |Δ| = ${formatValue(Math.abs(delta))}: their detectable effect is ${formatValue(answer.mde)}.`,
  };
}

export function SeedsCalculator({ evals, initial }: { evals: EvalQuality[]; initial: string | null }) {
  const usable = evals.filter((e) => e.noiseFloor.std !== null);
  const [metric, setMetric] = useState<string>(initial && usable.some((e) => e.metric === initial) ? initial : (usable[0]?.metric ?? ''));
  const [delta, setDelta] = useState('');
  const evalId = useId();
  const deltaId = useId();
  if (usable.length === 0) return <p className="muted">No eval has a noise floor yet: it needs ablation runs with two or more seeds per variant.</p>;
  const answer = answerFor(usable.find((e) => e.metric === metric), delta);
  return (
    <form className="seeds-calculator" data-testid="seeds-calculator" onSubmit={(event) => event.preventDefault()}>
      <label htmlFor={evalId}>Eval</label>
      <select id={evalId} className="input" value={metric} onChange={(e) => setMetric(e.target.value)}>
        {usable.map((e) => (
          <option key={e.metric} value={e.metric}>
            {e.metric}
          </option>
        ))}
      </select>
      <label htmlFor={deltaId}>Expected delta</label>
      <input id={deltaId} className="input" inputMode="decimal" placeholder="e.g. -0.005" value={delta} onChange={(e) => setDelta(e.target.value)} />
      <output className={`seeds-answer ${answer.tone}`} htmlFor={`${evalId} ${deltaId}`} aria-live="polite">
        {answer.text}
      </output>
    </form>
  );
}
