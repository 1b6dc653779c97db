// The slides that frame the review: the agenda first, the decisions taken and the portfolio balance
// near the end, and closing the review last.
import type { DecisionLogRow } from '../../../../../shared/api/proposals-methods';
import type { ReviewAgenda } from '../../../../../shared/api/review-methods';
import { useApiQuery } from '../../../api/use-api';
import { DECISION_LABELS } from '../../../components/proposals/proposals-format';
import { BalanceNowLine } from '../../../components/work-split/balance-now-line';
import { firstWeekOfPhase, percent, points, shortDay } from '../../../components/work-split/work-split-format';
import { WeeklyShareChart } from '../../../components/work-split/weekly-share-chart';
import { READ_ONLY_NOTE, useReviewActions } from '../review-context';
import { KEY_HELP } from '../review-keys';
import { formatDay, formatTime } from '../review-format';
import { agendaLines, type Slide } from '../review-slides';
import { DECISION_TONE } from './proposal-slide';

export function AgendaBody({ agenda, slides }: { agenda: ReviewAgenda; slides: readonly Slide[] }) {
  const firstOf = (section: string) => slides.findIndex((s) => s.section === section);
  return (
    <div className="slide-split agenda-slide">
      <div className="slide-col">
        <p className="slide-lead">
          {agenda.source === 'review' && agenda.lastReview
            ? `What changed since the last review (${formatDay(agenda.lastReview.at)}${agenda.lastReview.author ? `, closed by ${agenda.lastReview.author}` : ''}).`
            : agenda.source === 'given'
              ? `What changed since ${formatDay(agenda.since)}.`
              : 'No review was closed yet: what changed in the last 7 days.'}
        </p>
        {agenda.lastReview?.notes && (
          <blockquote className="review-notes">
            <span className="muted">Notes of the last review:</span> “{agenda.lastReview.notes}”
          </blockquote>
        )}
        <ol className="agenda-list">
          {agendaLines(agenda).map((line) => {
            const at = firstOf(line.section);
            return (
              <li key={line.section} className={line.empty ? 'empty' : undefined}>
                <span className="agenda-section">{line.section}</span>
                <span>
                  {line.text}
                  {at >= 0 && !line.empty && <span className="agenda-slide-no"> · slide {at + 1}</span>}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
      <div className="slide-col">
        <h2>Keys</h2>
        <table className="slide-table compact keys">
          <tbody>
            {KEY_HELP.map((k) => (
              <tr key={k.keys}>
                <td>
                  <kbd>{k.keys}</kbd>
                </td>
                <td>{k.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Decisions a slide lists in full; the rest are counted. */
const DECISIONS_SHOWN = 6;

export function DecisionsBody({ decisions }: { decisions: DecisionLogRow[] }) {
  if (decisions.length === 0) return <p className="slide-lead">Nothing was decided since the last review. Proposals with new evidence are on the slides before.</p>;
  return (
    <>
      <ul className="decision-list">
        {decisions.slice(0, DECISIONS_SHOWN).map((d) => (
          <li key={d.id}>
            <span className={`slide-badge ${DECISION_TONE[d.decision]}`}>{DECISION_LABELS[d.decision]}</span> <strong>{d.proposalTitle ?? d.proposalId}</strong>{' '}
            <span className="muted">{d.proposalId}</span>
            <div className="decision-why">
              “{d.rationale}” <span className="muted">— {d.author ?? 'unknown'}, {formatTime(d.at)}{d.pending ? ', waiting to be written to the store' : ''}</span>
            </div>
          </li>
        ))}
      </ul>
      {decisions.length > DECISIONS_SHOWN && <p className="slide-more">… and {decisions.length - DECISIONS_SHOWN} more in the decision log on the Proposals page.</p>}
    </>
  );
}

export function BalanceBody({ balance }: { balance: ReviewAgenda['balance'] }) {
  const now = balance.people;
  const from = now.phase ? firstWeekOfPhase(now.phase.start) : undefined;
  const split = useApiQuery('getWorkSplit', { by: 'week', measure: 'people', today: now.today, ...(from ? { from } : {}) });
  const then = balance.peopleAtLastReview;
  return (
    <div className="balance-slide">
      <BalanceNowLine balance={now} other={balance.compute} />
      <p>
        At the last review ({then.today}): {percent(then.actual)} exploratory
        {then.phase ? ` (target ${percent(then.phase.target)}${then.gap !== null ? `, ${points(then.gap)}` : ''})` : ''}; now {percent(now.actual)}.
      </p>
      {!split.data && !split.error && <p className="muted slide-loading">Reading the weekly split…</p>}
      {split.error && <p className="muted">The weekly split could not be read: {split.error.message}</p>}
      {split.data && <WeeklyShareChart split={split.data} title={now.phase ? `Exploratory share week by week, ${now.phase.name}` : 'Exploratory share week by week'} onDrill={() => {}} />}
      {split.data && (
        <p className="week-shares">
          Last weeks:{' '}
          {split.data.weeks.slice(-6).map((w, i, shown) => {
            const bucket = split.data!.buckets[split.data!.buckets.length - shown.length + i]!;
            return (
              <span key={w.week}>
                {shortDay(w.start)} <strong>{percent(bucket.exploratoryShare)}</strong>
              </span>
            );
          })}
        </p>
      )}
    </div>
  );
}

export function CloseBody({ agenda, closedAt }: { agenda: ReviewAgenda; closedAt: string | null }) {
  const actions = useReviewActions();
  const decided = agenda.decisions.length;
  if (closedAt) {
    return (
      <div className="close-slide" data-testid="review-closed">
        <p className="slide-lead">
          The review was closed at <strong>{formatTime(closedAt)}</strong>. The next review’s agenda starts here.
        </p>
        {agenda.lastReview?.notes && <blockquote className="review-notes">“{agenda.lastReview.notes}”</blockquote>}
      </div>
    );
  }
  return (
    <div className="close-slide">
      <p className="slide-lead">
        {decided === 0 ? 'No decisions were taken since the last review.' : `${decided} decision${decided === 1 ? ' was' : 's were'} taken since the last review.`} Closing writes a{' '}
        <code>review</code> event to the store, with optional notes: the next agenda covers what changes after it.
      </p>
      {decided > 0 && (
        <ul className="close-decisions">
          {agenda.decisions.slice(0, DECISIONS_SHOWN).map((d) => (
            <li key={d.id}>
              <span className={`slide-badge ${DECISION_TONE[d.decision]}`}>{DECISION_LABELS[d.decision]}</span> {d.proposalTitle ?? d.proposalId}
            </li>
          ))}
          {decided > DECISIONS_SHOWN && <li className="muted">… and {decided - DECISIONS_SHOWN} more (slide of decisions)</li>}
        </ul>
      )}
      {actions.canWrite ? (
        <p>
          <button className="btn primary slide-key" onClick={actions.closeReview} data-testid="close-review">
            <kbd>Enter</kbd> Close the review…
          </button>
        </p>
      ) : (
        <p className="muted read-only-note">{READ_ONLY_NOTE}</p>
      )}
    </div>
  );
}
