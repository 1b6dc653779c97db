// The people side of a proposal: its decisions (with any conflict), the complexity assessment and
// its history, and comments, with the controls that write each of them.
import { useState } from 'react';
import type { ProposalDetail } from '../../../../shared/api/proposals-methods';
import { COMPLEXITY_KEYS, type DecisionOutcome } from '../../../../shared/domain/store-events';
import { useApiMutation } from '../../api/use-api';
import { useRememberedState } from '../../app/page-memory';
import { ComplexityBadge } from '../../components/complexity-badge';
import { useIdentity } from '../../components/identity/use-identity';
import { ReadOnlyNote, useCanWrite, useReadOnly } from '../../components/read-only-note';
import { ComplexityEditor } from './complexity-editor';
import { DECISION_LABELS, decisionBadgeClass, formatWhen } from '../../components/proposals/proposals-format';
import { RationaleDialog } from '../../components/proposals/rationale-dialog';

function Decisions({ detail }: { detail: ProposalDetail }) {
  const [deciding, setDeciding] = useState<DecisionOutcome | null>(null);
  const canWrite = useCanWrite();
  const readOnly = useReadOnly();
  const conflicted = new Set(detail.conflicts.flatMap((c) => [c.earlierId, c.laterId]));
  const pending = detail.pending.filter((p) => p.event.type === 'decision');
  return (
    <section className="panel" aria-labelledby="decisions-h">
      <h2 id="decisions-h">Decisions</h2>
      {detail.conflicts.length > 0 && (
        <div className="error-panel conflict-panel" role="note" data-testid="conflict-indicator">
          <strong>Conflicting decisions</strong> (different outcomes within 24 hours, or by different people within 14 days). The latest
          one sets the status; talk it through:
          <ul>
            {detail.conflicts.map((c) => (
              <li key={`${c.earlierId}-${c.laterId}`}>{c.reason}</li>
            ))}
          </ul>
        </div>
      )}
      {detail.decisions.length === 0 && pending.length === 0 ? (
        <p className="muted">No decision yet.</p>
      ) : (
        <ol className="decision-list">
          {[...detail.decisions].reverse().map((d) => (
            <li key={d.id} className={conflicted.has(d.id) ? 'conflicted' : undefined}>
              <span className={decisionBadgeClass(d.decision)}>{DECISION_LABELS[d.decision]}</span> <strong>{d.author ?? 'someone'}</strong>{' '}
              <span className="muted">{formatWhen(d.at)}</span>
              <div className="rationale">{d.rationale}</div>
            </li>
          ))}
          {pending.map((p) => (
            <li key={p.event.id}>
              <span className="badge warn">pending</span> {DECISION_LABELS[p.event.decision as DecisionOutcome]} <strong>{p.event.author}</strong>{' '}
              <span className="muted">{formatWhen(p.event.at)}, not yet in the store</span>
              <div className="rationale">{String(p.event.rationale)}</div>
            </li>
          ))}
        </ol>
      )}
      <div className="row" role="group" aria-label="Decide">
        {(Object.keys(DECISION_LABELS) as DecisionOutcome[]).map((decision) => (
          <button key={decision} className="btn" disabled={!canWrite} onClick={() => setDeciding(decision)}>
            {DECISION_LABELS[decision]}…
          </button>
        ))}
        {readOnly && <ReadOnlyNote>deciding is off on this server</ReadOnlyNote>}
      </div>
      {deciding && <RationaleDialog request={{ proposalId: detail.id, title: detail.title, decision: deciding }} onClose={() => setDeciding(null)} />}
    </section>
  );
}

function Complexity({ detail }: { detail: ProposalDetail }) {
  const [editing, setEditing] = useState(false);
  const canWrite = useCanWrite();
  return (
    <section className="panel" aria-labelledby="complexity-h">
      <h2 id="complexity-h">
        Complexity cost <ComplexityBadge complexity={detail.complexity} />
      </h2>
      {editing && canWrite ? (
        <ComplexityEditor proposalId={detail.id} initial={detail.complexity} onDone={() => setEditing(false)} />
      ) : (
        <button className="btn" disabled={!canWrite} onClick={() => setEditing(true)}>
          Edit assessment…
        </button>
      )}
      {detail.complexityHistory.length > 0 && (
        <table className="data complexity-history">
          <caption className="muted">History (the latest replaces the earlier ones)</caption>
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              {COMPLEXITY_KEYS.map((k) => (
                <th key={k} className="num">
                  {k === 'usability_tax' ? 'tax' : k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...detail.complexityHistory].reverse().map((h, i) => (
              <tr key={h.eventId ?? `front-${i}`}>
                <td>{h.source === 'front-matter' ? 'front matter' : formatWhen(h.at).slice(0, 10)}</td>
                <td>{h.author ?? '–'}</td>
                {COMPLEXITY_KEYS.map((k) => (
                  <td key={k} className="num">
                    {h.complexity[k] === undefined ? '–' : k === 'usability_tax' ? `${(h.complexity[k]! * 100).toFixed(1)} %` : h.complexity[k]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Comments({ detail }: { detail: ProposalDetail }) {
  // A comment half written is still there after a look elsewhere.
  const [text, setText] = useRememberedState(`proposals.comment.${detail.id}`, '');
  const comment = useApiMutation('comment');
  const author = useIdentity();
  const canWrite = useCanWrite();
  const readOnly = useReadOnly();
  const pending = detail.pending.filter((p) => p.event.type === 'comment');
  return (
    <section className="panel" aria-labelledby="comments-h">
      <h2 id="comments-h">Comments ({detail.comments.length})</h2>
      <ul className="comment-list">
        {detail.comments.map((c) => (
          <li key={c.id}>
            <strong>{c.author ?? 'someone'}</strong> <span className="muted">{formatWhen(c.at)}</span>
            <div className="comment-text">{c.text}</div>
          </li>
        ))}
        {pending.map((p) => (
          <li key={p.event.id}>
            <span className="badge warn">pending</span> <strong>{p.event.author}</strong>
            <div className="comment-text">{String(p.event.text)}</div>
          </li>
        ))}
      </ul>
      <form
        className="comment-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() !== '' && author) comment.mutate({ target: detail.id, text: text.trim(), author }, { onSuccess: () => setText('') });
        }}
      >
        <label htmlFor="comment-text" className="muted">
          Add a comment (written to the store for the whole team)
        </label>
        <textarea id="comment-text" className="input" rows={2} value={text} disabled={!canWrite} onChange={(e) => setText(e.target.value)} />
        {comment.error && <div className="error-panel" role="alert">{comment.error.message}</div>}
        <div className="row">
          <button type="submit" className="btn" disabled={text.trim() === '' || comment.isPending || !author || !canWrite}>
            {author ? `Comment as ${author}` : 'Comment'}
          </button>
          {readOnly ? (
            <ReadOnlyNote>commenting is off on this server</ReadOnlyNote>
          ) : (
            !author && <span className="muted">Choose “Who am I” at the top of the page to comment.</span>
          )}
        </div>
      </form>
    </section>
  );
}

export function ProposalDiscussion({ detail }: { detail: ProposalDetail }) {
  return (
    <>
      <Decisions detail={detail} />
      <Complexity detail={detail} />
      <Comments detail={detail} />
    </>
  );
}
