import { ComingPage } from '../../components/coming-page';

export function RunsPage() {
  return <ComingPage title="Runs" purpose="Every run in the store: filter, sort, group, and pick runs to compare." />;
}
