// The Proposals page: research directions with their evidence and complexity cost, and the team's
// decisions about them. Views: list (and one proposal's detail, #/proposals?id=…), triage board,
// decision log, what we decided not to do, and gain against cost. Who I am and what waits in the
// outbox are shown on every view.
import { routeHref, useRoute } from '../../app/router';
import { IdentityPicker } from '../../components/identity/identity-picker';
import { PageHeader } from '../../components/page-header';
import { ReadOnlyNote, useReadOnly } from '../../components/read-only-note';
import { DecisionLog } from './decision-log';
import { GainVsCostView } from './gain-vs-cost-view';
import { NotPursued } from './not-pursued';
import { PendingIndicator } from './pending-indicator';
import { ProposalDetailView } from './proposal-detail';
import { ProposalList } from './proposal-list';
import { TriageBoard } from './triage-board';
import './proposals-page.css';

const VIEWS = [
  { id: 'list', label: 'List' },
  { id: 'triage', label: 'Triage board' },
  { id: 'decisions', label: 'Decision log' },
  { id: 'not-pursued', label: 'What we decided not to do' },
  { id: 'gain', label: 'Gain vs cost' },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

function View({ view }: { view: ViewId }) {
  switch (view) {
    case 'triage':
      return <TriageBoard />;
    case 'decisions':
      return <DecisionLog />;
    case 'not-pursued':
      return <NotPursued />;
    case 'gain':
      return <GainVsCostView />;
    default:
      return <ProposalList />;
  }
}

export function ProposalsPage() {
  const { params } = useRoute();
  const id = params.get('id');
  const readOnly = useReadOnly();
  const view = (VIEWS.find((v) => v.id === params.get('view'))?.id ?? 'list') as ViewId;
  return (
    <div className="page proposals-page">
      <PageHeader title="Proposals" subtitle="Evidence against complexity cost, and what we decided">
        <PendingIndicator />
        {readOnly ? <ReadOnlyNote>decisions, comments and assessments are off</ReadOnlyNote> : <IdentityPicker />}
      </PageHeader>
      <nav className="view-tabs" aria-label="Proposal views">
        {VIEWS.map((v) => (
          <a key={v.id} className="view-tab" href={routeHref('proposals', v.id === 'list' ? {} : { view: v.id })} aria-current={!id && v.id === view ? 'page' : undefined}>
            {v.label}
          </a>
        ))}
      </nav>
      {id ? <ProposalDetailView id={id} back={routeHref('proposals', view === 'list' ? {} : { view })} /> : <View view={view} />}
    </div>
  );
}
