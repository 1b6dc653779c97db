import { ComingPage } from '../../components/coming-page';

export function TeamPage() {
  return <ComingPage title="Team" purpose="Critical-path versus exploratory work by person, area and week, against each phase's target." />;
}
