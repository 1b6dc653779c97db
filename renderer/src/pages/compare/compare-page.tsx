import { ComingPage } from '../../components/coming-page';

export function ComparePage() {
  return <ComingPage title="Compare" purpose="Loss curves of the selected runs at matched step, tokens or FLOPs, smoothed, at full fidelity." />;
}
