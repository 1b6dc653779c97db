import { ComingPage } from '../../components/coming-page';

export function ProposalsPage() {
  return <ComingPage title="Proposals" purpose="Research directions with their evidence, complexity cost and triage decisions." />;
}
