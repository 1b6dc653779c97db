// One Chinchilla fit on the Scaling page: loss against compute with the frontier, the parameter
// table with intervals, the holdout check, the prediction panel, residuals, the other two
// approaches and the runs left out.
import { useState } from 'react';
import { scalingTaskId, type ScalingFitView, type ScalingScopeInput } from '../../../../shared/api/scaling-methods';
import { EmptyState, ErrorPanel } from '../../components/state-views';
import { BootstrapStatus } from './bootstrap-status';
import { LineLegend, SizeLegend } from '../../components/scaling-charts/chart-legends';
import { ExcludedRuns, ExclusionEditor } from './exclusions-panel';
import { FitCancelled, FitProgress } from './fit-progress';
import { HoldoutSummary } from './holdout-summary';
import { IsoFlopPanel } from './isoflop-panel';
import { LossComputeChart } from '../../components/scaling-charts/loss-compute-chart';
import { ParamsTable } from './params-table';
import { PredictionPanel } from './prediction-panel';
import { ResidualsChart } from './residuals-chart';
import { sizeScale } from '../../components/scaling-charts/size-colors';
import { useBootstrapped } from './use-bootstrapped';
import { useDocumentTheme } from '../../components/scaling-charts/use-document-theme';

export const RESAMPLES = 1000;

interface FitViewProps {
  scope: ScalingScopeInput;
  target: number | null;
  onTarget(target: number): void;
  canWrite: boolean;
}

function FitBody({ view, scope, target, onTarget, canWrite, bootstrapDone }: FitViewProps & { view: ScalingFitView; bootstrapDone: boolean }) {
  const [selected, setSelected] = useState<string | null>(null);
  const theme = useDocumentTheme();
  const selectedPoint = view.points.find((p) => p.runId === selected);
  const targetCompute = target ?? (view.fit ? view.fit.maxCompute * 10 : null);
  return (
    <>
      {view.fitError && (
        <div className="panel">
          <EmptyState title="No fit for these runs">{view.fitError}</EmptyState>
        </div>
      )}
      <div className="scaling-grid">
        <div className="scaling-main">
          <section className="panel">
            <h2>Loss against compute</h2>
            <LossComputeChart view={view} targetCompute={targetCompute} selectedRun={selected} onSelect={(id) => setSelected((s) => (s === id ? null : id))} />
            <SizeLegend sizes={sizeScale(view.points.map((p) => p.N), theme)} />
            <LineLegend banded={view.frontier.some((f) => f.p95 !== null)} law={view.computeLaw !== null} />
            {selectedPoint && <ExclusionEditor key={selectedPoint.runId} scope={scope} point={selectedPoint} canWrite={canWrite} onClose={() => setSelected(null)} />}
          </section>
          {view.fit && (
            <section className="panel">
              <h2>Residuals</h2>
              <ResidualsChart view={view} />
            </section>
          )}
          <IsoFlopPanel view={view} />
        </div>
        <div className="scaling-side">
          {view.fit && (
            <section className="panel">
              <h2>Fit</h2>
              <ParamsTable view={view} />
            </section>
          )}
          {view.fit && targetCompute !== null && (
            <PredictionPanel scope={scope} bootstrap={bootstrapDone ? RESAMPLES : 0} maxCompute={view.fit.maxCompute} targetCompute={targetCompute} onTarget={onTarget} />
          )}
          {view.fit && <HoldoutSummary view={view} />}
          <ExcludedRuns scope={scope} points={view.points} skipped={view.skipped} canWrite={canWrite} />
        </div>
      </div>
    </>
  );
}

export function FitView(props: FitViewProps) {
  const task = scalingTaskId('fit', { ...props.scope, bootstrap: RESAMPLES });
  const { plain, boot, bootstrap } = useBootstrapped('getScalingFit', props.scope, RESAMPLES, task, true);
  if (plain.error?.error.code === 'cancelled') return <FitCancelled onRetry={() => void plain.refetch()} />;
  if (plain.error) return <ErrorPanel error={plain.error} title="The fit could not be made" />;
  if (!plain.data) return <FitProgress task={scalingTaskId('fit', { ...props.scope, bootstrap: 0 })} what="the Chinchilla law (multi-start L-BFGS in the compute worker)" />;
  // After a change (an exclusion, new data) the plain fit comes back first: show it until the
  // bootstrap of the same data is done, rather than the old intervals.
  const bootFresh = !!boot.data && boot.dataUpdatedAt >= plain.dataUpdatedAt;
  const view = bootFresh ? boot.data! : plain.data;
  if (view.points.length === 0) {
    return (
      <div className="panel">
        <EmptyState title="No runs to fit">
          None of these runs has model.params, data.tokens and a final {view.metric}.
          {view.skipped.length > 0 && ` ${view.skipped.length} runs were skipped, e.g. ${view.skipped[0]!.runId}: ${view.skipped[0]!.reason}.`}
        </EmptyState>
      </div>
    );
  }
  const bootstrapDone = bootFresh && !boot.data!.bootstrap?.cancelled;
  return (
    <>
      {plain.data.fit && <BootstrapStatus state={bootstrap} result={bootFresh ? boot.data!.bootstrap : null} resamples={RESAMPLES} />}
      <FitBody {...props} view={view} bootstrapDone={bootstrapDone} />
    </>
  );
}
