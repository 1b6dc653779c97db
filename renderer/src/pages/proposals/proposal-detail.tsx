// One proposal: what it is, its body (untrusted Markdown, rendered inert), its evidence and cost,
// and what the team decided and said about it.
import { useApiQuery } from '../../api/use-api';
import { routeHref } from '../../app/router';
import { EvalEvidenceWarning } from '../../components/eval-evidence-warning';
import { ErrorPanel, LoadingState } from '../../components/state-views';
import { TriedBefore } from '../../components/tried-before';
import { MarkdownBody } from './markdown/markdown-body';
import { ProposalDiscussion } from './proposal-discussion';
import { ProposalEvidence } from './proposal-evidence';
import { StatusCell } from './proposal-list';
import { WatchButton } from '../../components/watch-button';

export function ProposalDetailView({ id, back }: { id: string; back: string }) {
  const detail = useApiQuery('getProposal', { id });
  if (detail.error) return <ErrorPanel error={detail.error} title={`Proposal ${id} could not be loaded`} />;
  if (!detail.data) return <LoadingState what={`proposal ${id}`} />;
  const p = detail.data;
  const people = p.people.map((person) => `${person.name ?? person.id}${person.share !== null ? ` ${Math.round(person.share * 100)} %` : ''}`).join(', ');
  return (
    <article className="proposal-detail" data-testid="proposal-detail">
      <a className="back-link" href={back}>
        ← All proposals
      </a>
      <header className="proposal-head">
        <h2>
          {p.title ?? p.id} <span className="muted">{p.id}</span>
        </h2>
        <div className="row">
          <StatusCell proposal={p} />
          <WatchButton kind="proposal" target={p.id} small />
          <span className="muted">
            {p.kind ?? 'no kind'} · {p.area ?? 'no area'} · owner {p.owner ?? '–'} · created {p.created ?? '–'} · {p.file}
          </span>
        </div>
        {people && <div className="muted">People: {people}</div>}
        {p.expected && (
          <div className="muted">
            Expected: {String(p.expected.metric ?? '')} {typeof p.expected.delta === 'number' ? `Δ ${p.expected.delta}` : ''}
          </div>
        )}
        <EvalEvidenceWarning proposalId={p.id} variant="detail" />
      </header>
      <div className="proposal-columns">
        <div className="proposal-main">
          <ProposalEvidence detail={p} />
          <section className="panel" aria-labelledby="body-h">
            <h2 id="body-h">Proposal</h2>
            <MarkdownBody source={p.body} />
          </section>
        </div>
        <div className="proposal-side">
          <ProposalDiscussion detail={p} />
          <TriedBefore proposalId={p.id} />
        </div>
      </div>
      <a className="back-link" href={routeHref('proposals', { view: 'decisions', proposal: p.id })}>
        This proposal in the decision log →
      </a>
    </article>
  );
}
