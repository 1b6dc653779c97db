import { ComingPage } from '../../components/coming-page';

export function ReviewPage() {
  return <ComingPage title="Review" purpose="The weekly review: what changed since the last one, on a shared screen." />;
}
