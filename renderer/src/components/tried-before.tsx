// "Tried before?" for one proposal: the earlier directions whose text is closest to it, and the dropped
// or parked ones, each with how close it is, the words they share and what was decided and why.
import type { TriedBeforeItem } from '../../../shared/api/search-methods';
import { useApiQuery } from '../api/use-api';
import { routeHref } from '../app/router';
import { MarkedText } from './marked-text';
import './tried-before.css';

const DECISION_WORD = { adopt: 'Adopted', drop: 'Dropped', park: 'Parked (→ inconclusive)', continue: 'Continued' } as const;

function statusClass(status: string | null): string {
  if (status === 'adopted') return 'badge ok';
  if (status === 'dropped') return 'badge danger';
  if (status === 'inconclusive') return 'badge warn';
  return 'badge';
}

function TriedBeforeEntry({ item }: { item: TriedBeforeItem }) {
  const latest = item.decisions[0];
  const percent = Math.round(item.similarity * 100);
  return (
    <li className="tried-before-item">
      <div className="row tried-before-head">
        <a href={routeHref('proposals', { id: item.id })}>{item.title ?? item.id}</a>
        <span className={statusClass(item.status)}>{item.status === 'inconclusive' ? 'inconclusive (parked)' : (item.status ?? 'no status')}</span>
        <span className="grow" />
        <span className="tried-before-score" title="Text match against this proposal's salient words, as a share of its match with itself">
          <span className="tried-before-bar" aria-hidden="true">
            <span style={{ width: `${percent}%` }} />
          </span>
          {percent} %
        </span>
      </div>
      <div className="muted tried-before-facts">
        {[item.id, item.area, item.owner, item.created].filter(Boolean).join(' · ')}
        {item.sharedTerms.length > 0 && <> · shares {item.sharedTerms.slice(0, 6).join(', ')}</>}
      </div>
      {latest ? (
        <blockquote className="tried-before-reason">
          <strong>{DECISION_WORD[latest.decision]}</strong> by {latest.author ?? 'someone'} on {latest.at.slice(0, 10)}: {latest.rationale}
          {item.decisions.length > 1 && <span className="muted"> ({item.decisions.length - 1} earlier decision{item.decisions.length > 2 ? 's' : ''})</span>}
        </blockquote>
      ) : (
        item.snippet.length > 0 && (
          <div className="tried-before-snippet">
            <MarkedText segments={item.snippet} />
          </div>
        )
      )}
    </li>
  );
}

export function TriedBefore({ proposalId }: { proposalId: string }) {
  const result = useApiQuery('triedBefore', { proposalId });
  return (
    <section className="panel tried-before" aria-labelledby="tried-before-h" data-testid="tried-before">
      <h2 id="tried-before-h">Tried before?</h2>
      {result.error ? (
        <div className="error-panel" role="alert">
          Could not look for similar directions: {result.error.message}
        </div>
      ) : !result.data ? (
        <div className="muted" role="status">
          Looking for similar earlier directions…
        </div>
      ) : result.data.items.length === 0 ? (
        <div className="muted tried-before-none">No earlier, dropped or parked proposal reads like this one.</div>
      ) : (
        <ol className="tried-before-list">
          {result.data.items.map((item) => (
            <TriedBeforeEntry key={item.id} item={item} />
          ))}
        </ol>
      )}
    </section>
  );
}
