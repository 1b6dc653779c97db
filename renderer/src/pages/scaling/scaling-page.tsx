import { ComingPage } from '../../components/coming-page';

export function ScalingPage() {
  return <ComingPage title="Scaling" purpose="Chinchilla fits with intervals, the compute-optimal frontier and each ablation's effective-compute multiplier." />;
}
