import { ComingPage } from '../../components/coming-page';

export function AblationsPage() {
  return <ComingPage title="Ablations" purpose="Each ablation's variants against its baseline: deltas, seed noise and a verdict." />;
}
