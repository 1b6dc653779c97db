// A proposal with new evidence, to decide on in the meeting: what is new since the review, its best
// gain with the interval, its cost, its ablation's deltas size by size as a chart, and the triage keys
// (a / d / p / c open the rationale dialog; the decision lands in the store like any other).
import type { AwaitingProposal } from '../../../../../shared/api/review-methods';
import { DECISION_OUTCOMES } from '../../../../../shared/domain/store-events';
import { useApiQuery } from '../../../api/use-api';
import { complexitySummary } from '../../../components/complexity-badge';
import { EvalEvidenceWarning } from '../../../components/eval-evidence-warning';
import { DECISION_LABELS, formatChipHours, formatMetricDelta, formatParams, formatRelativeGain, STATUS_LABELS } from '../../../components/proposals/proposals-format';
import { SizeLegend } from '../../../components/scaling-charts/chart-legends';
import { LossComputeChart } from '../../../components/scaling-charts/loss-compute-chart';
import { sizeScale } from '../../../components/scaling-charts/size-colors';
import { IntervalChart, type IntervalRow } from '../interval-chart';
import { READ_ONLY_NOTE, useReviewActions } from '../review-context';
import { useSlideScale } from '../slide-scale';
import { deltaWithInterval, formatTime, plural, signed, VERDICT_TEXT } from '../review-format';

const KEY_OF = { adopt: 'a', drop: 'd', park: 'p', continue: 'c' } as const;
export const DECISION_TONE = { adopt: 'ok', drop: 'danger', park: 'warn', continue: '' } as const;

/** The ablation behind the evidence, size by size: does the gain hold as the model grows? */
function AblationBySize({ ablationId }: { ablationId: string }) {
  const ablation = useApiQuery('getAblation', { id: ablationId });
  if (ablation.error) return <p className="muted">{ablation.error.message}</p>;
  if (!ablation.data) return <p className="muted slide-loading">Reading {ablationId}…</p>;
  const a = ablation.data;
  const rows: IntervalRow[] = a.sizes.flatMap((size) =>
    size.variants
      .filter((v) => !v.isBaseline && v.delta !== null)
      .map((v) => ({
        key: `${size.params}|${v.variant}`,
        label: `${size.params === null ? '?' : formatParams(size.params)} · ${v.variant}`,
        valueText: `${VERDICT_TEXT[v.verdict ?? 'no-noise-estimate'].symbol} ${deltaWithInterval(v.delta!, v.interval)}`,
        now: { value: v.delta!, interval: v.interval, color: VERDICT_TEXT[v.verdict ?? 'no-noise-estimate'].color },
        before: null,
      })),
  );
  if (rows.length === 0) return <p className="muted">{a.note ?? `${ablationId} has no variant compared with its baseline yet.`}</p>;
  return (
    <>
      <p className="chart-caption">
        {a.title ?? a.id} <span className="muted">({a.id})</span>: each variant − {a.baseline} by model size
      </p>
      <IntervalChart rows={rows} axisLabel={`Δ ${a.metric ?? ''} (${a.better} is better)`} write={signed} minDigits={3} testId={`proposal-chart-${ablationId}`} />
      <p className="chart-legend">
        ▲ better · ▼ worse · ≈ within noise · ? no noise estimate (under 2 seeds) — 95 % Welch intervals
      </p>
    </>
  );
}

/** The group most of the newly finished runs belong to (a ladder, say), for its scaling fit. */
function mainGroup(proposal: AwaitingProposal): string | null {
  const counts = new Map<string, number>();
  for (const run of proposal.newRuns) if (run.group) counts.set(run.group, (counts.get(run.group) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function GroupFit({ group }: { group: string }) {
  const { since } = useReviewActions();
  const scale = useSlideScale();
  const change = useApiQuery('getReviewScalingChange', { group, since }, { staleTime: Infinity });
  if (change.error) return <p className="muted">{change.error.message}</p>;
  if (!change.data || change.data.kind !== 'group') return <p className="muted slide-loading">Fitting the scaling law of {group}…</p>;
  const { view } = change.data;
  if (!view.fit) return <p className="muted">No scaling fit of {group}: {view.fitError}</p>;
  return (
    <>
      <p className="chart-caption">
        Scaling fit of {group}: {view.fit.n} runs, {change.data.newRuns.length} new since the review
      </p>
      <LossComputeChart view={view} targetCompute={null} selectedRun={null} onSelect={() => {}} height={Math.round(440 * scale)} />
      <SizeLegend sizes={sizeScale(view.points.map((p) => p.N))} />
    </>
  );
}

function TriageBar({ proposal }: { proposal: AwaitingProposal }) {
  const actions = useReviewActions();
  if (proposal.decidedSince) {
    const d = proposal.decidedSince;
    return (
      <div className="triage-bar decided" data-testid="slide-decision">
        <span className={`slide-badge ${DECISION_TONE[d.decision]}`}>{DECISION_LABELS[d.decision]}</span>
        <span>
          “{d.rationale}” <span className="muted">— {d.author ?? 'unknown'}, {formatTime(d.at)}</span>
        </span>
      </div>
    );
  }
  const disabled = !actions.canWrite;
  return (
    <div className="triage-bar" data-testid="slide-triage">
      <span>Decide:</span>
      {DECISION_OUTCOMES.map((decision) => (
        <button key={decision} className="btn slide-key" disabled={disabled} onClick={() => actions.decide(proposal.id, proposal.title, decision)}>
          <kbd>{KEY_OF[decision]}</kbd> {DECISION_LABELS[decision]}
        </button>
      ))}
      {proposal.pendingDecisions.length > 0 && <span className="slide-badge warn">waiting to be written: {proposal.pendingDecisions.join(', ')}</span>}
      {disabled && <span className="muted read-only-note">{READ_ONLY_NOTE}</span>}
    </div>
  );
}

export function ProposalBody({ proposal }: { proposal: AwaitingProposal }) {
  const gain = proposal.evidence;
  const budget = proposal.chipHoursBudget;
  const chartAblation = gain?.ablationId ?? proposal.changedAblations[0] ?? null;
  const group = mainGroup(proposal);
  return (
    <div className="proposal-slide">
      <div className="slide-split">
        <div className="slide-col">
          <p className="slide-facts">
            <span className="slide-badge">{STATUS_LABELS[proposal.status ?? ''] ?? proposal.status ?? '–'}</span> {proposal.kind ?? '–'} · {proposal.area ?? '–'} · owner{' '}
            {proposal.owner ?? '–'} · <span className="muted">{proposal.id}</span>
          </p>
          <h2>New since the review</h2>
          <ul>
            {proposal.changedAblations.length > 0 && <li>Verdict moved in {proposal.changedAblations.join(', ')}</li>}
            {proposal.newRuns.length > 0 && (
              <li>
                {plural(proposal.newRuns.length, 'linked run')} finished: {proposal.newRuns.slice(0, 5).map((r) => r.id).join(', ')}
                {proposal.newRuns.length > 5 ? ` and ${proposal.newRuns.length - 5} more` : ''}
              </li>
            )}
          </ul>
          <h2>Evidence</h2>
          {gain ? (
            <p>
              Best gain <strong>{formatRelativeGain(gain)}</strong> of the baseline{gain.unproven ? ' (unproven: the interval includes 0 or there are too few seeds)' : ''}: {gain.variant} against{' '}
              {gain.baseline} in {gain.ablationId}, {formatMetricDelta(gain)}.
            </p>
          ) : (
            <p className="muted">No measured gain yet{proposal.evidenceNotes.length > 0 ? `: ${proposal.evidenceNotes.join('; ')}` : ''}.</p>
          )}
          <EvalEvidenceWarning proposalId={proposal.id} variant="detail" />
          <h2>Cost</h2>
          <p>
            {proposal.complexity ? complexitySummary(proposal.complexity) : 'No complexity assessment yet'}. {formatChipHours(proposal.chipHoursSpent)} chip-hours spent
            {budget !== null ? ` of ${formatChipHours(budget)} budgeted` : ''}.
          </p>
          {proposal.lastDecision && proposal.lastDecision.id !== proposal.decidedSince?.id && (
            <p className="muted">
              Last decision: {DECISION_LABELS[proposal.lastDecision.decision]} on {formatTime(proposal.lastDecision.at)} — “{proposal.lastDecision.rationale}”
            </p>
          )}
        </div>
        <div className="slide-col chart-col">
          {chartAblation ? (
            <AblationBySize ablationId={chartAblation} />
          ) : group ? (
            <GroupFit group={group} />
          ) : (
            <p className="muted">No linked ablation or scaling group to chart.</p>
          )}
        </div>
      </div>
      <TriageBar proposal={proposal} />
    </div>
  );
}
