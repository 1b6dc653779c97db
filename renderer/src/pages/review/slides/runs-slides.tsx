// The run slides: what finished (run by run, or by experiment when there are many), what failed or
// was killed and why, and what is stale now. Every figure is printed; nothing needs a pointer.
import { decodeNumber } from '../../../../../shared/api/json-number';
import type { ReviewRun, StaleRun } from '../../../../../shared/api/review-methods';
import { formatParams } from '../../../components/proposals/proposals-format';
import { formatLoss } from '../../../components/scaling-charts/scaling-format';
import { formatDuration, formatTime, plural } from '../review-format';
import { MoreRows } from './slide-frame';

/** Table rows a slide holds at 24 px type. */
export const ROWS_PER_SLIDE = 11;

function lossText(run: ReviewRun): string {
  if (!run.loss) return '–';
  return `${formatLoss(decodeNumber(run.loss.value))}`;
}

function experimentOf(run: ReviewRun): string {
  return run.ablation ? `${run.ablation}${run.variant ? ` · ${run.variant}` : ''}` : (run.group ?? '–');
}

function RunTable({ runs }: { runs: ReviewRun[] }) {
  const metrics = [...new Set(runs.map((r) => r.loss?.metric).filter((m): m is string => !!m))];
  return (
    <>
      <table className="slide-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Experiment</th>
            <th>Owner</th>
            <th className="num">Size</th>
            <th className="num">{metrics.length === 1 ? `Last ${metrics[0]}` : 'Last loss'}</th>
            <th>Finished</th>
          </tr>
        </thead>
        <tbody>
          {runs.slice(0, ROWS_PER_SLIDE).map((run) => (
            <tr key={run.id}>
              <td>
                <strong>{run.id}</strong> <span className="muted">{run.name ?? ''}</span>
              </td>
              <td>{experimentOf(run)}</td>
              <td>{run.owner ?? '–'}</td>
              <td className="num">{formatParams(run.params) || '–'}</td>
              <td className="num">
                {lossText(run)}
                {metrics.length > 1 && run.loss && <span className="muted"> {run.loss.metric}</span>}
              </td>
              <td>{formatTime(run.stateUpdatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows shown={ROWS_PER_SLIDE} total={runs.length} what="runs" />
    </>
  );
}

interface ExperimentGroup {
  name: string;
  runs: ReviewRun[];
}

function byExperiment(runs: readonly ReviewRun[]): ExperimentGroup[] {
  const groups = new Map<string, ReviewRun[]>();
  for (const run of runs) {
    const name = run.ablation ?? run.group ?? '(no group or ablation)';
    groups.set(name, [...(groups.get(name) ?? []), run]);
  }
  return [...groups].map(([name, list]) => ({ name, runs: list })).sort((a, b) => b.runs.length - a.runs.length || a.name.localeCompare(b.name));
}

function sizesText(runs: readonly ReviewRun[]): string {
  const sizes = [...new Set(runs.map((r) => r.params).filter((p): p is number => p !== null))].sort((a, b) => a - b);
  if (sizes.length === 0) return '–';
  return sizes.length === 1 ? formatParams(sizes[0]!) : `${formatParams(sizes[0]!)}–${formatParams(sizes.at(-1)!)}`;
}

export function FinishedRunsBody({ runs }: { runs: ReviewRun[] }) {
  if (runs.length <= ROWS_PER_SLIDE) return <RunTable runs={runs} />;
  const groups = byExperiment(runs);
  return (
    <>
      <table className="slide-table">
        <thead>
          <tr>
            <th>Experiment</th>
            <th className="num">Runs</th>
            <th className="num">Sizes</th>
            <th>Owners</th>
          </tr>
        </thead>
        <tbody>
          {groups.slice(0, ROWS_PER_SLIDE).map((group) => (
            <tr key={group.name}>
              <td>
                <strong>{group.name}</strong>
              </td>
              <td className="num">{group.runs.length}</td>
              <td className="num">{sizesText(group.runs)}</td>
              <td>{[...new Set(group.runs.map((r) => r.owner ?? '–'))].join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows shown={ROWS_PER_SLIDE} total={groups.length} what="experiments" />
    </>
  );
}

export function FailedRunsBody({ runs }: { runs: ReviewRun[] }) {
  return (
    <>
      <table className="slide-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Experiment</th>
            <th>Owner</th>
            <th>State</th>
            <th>Why</th>
            <th>When</th>
          </tr>
        </thead>
        <tbody>
          {runs.slice(0, ROWS_PER_SLIDE).map((run) => (
            <tr key={run.id}>
              <td>
                <strong>{run.id}</strong> <span className="muted">{run.name ?? ''}</span>
              </td>
              <td>{experimentOf(run)}</td>
              <td>{run.owner ?? '–'}</td>
              <td>
                <span className={run.state === 'failed' ? 'slide-badge danger' : 'slide-badge warn'}>{run.state === 'failed' ? '✗ failed' : '■ killed'}</span>
              </td>
              <td className="wrap">{run.message ?? <span className="muted">no message in status.json</span>}</td>
              <td>{formatTime(run.stateUpdatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows shown={ROWS_PER_SLIDE} total={runs.length} what="runs" />
    </>
  );
}

export function StaleRunsBody({ runs }: { runs: StaleRun[] }) {
  return (
    <>
      <p className="slide-lead">Running, but status.json has not been updated for over an hour: the job may be hung.</p>
      <table className="slide-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Experiment</th>
            <th>Owner</th>
            <th className="num">Silent for</th>
            <th className="num">Last step</th>
            <th>Last update</th>
          </tr>
        </thead>
        <tbody>
          {runs.slice(0, ROWS_PER_SLIDE).map((run) => (
            <tr key={run.id}>
              <td>
                <strong>{run.id}</strong> <span className="muted">{run.name ?? ''}</span>
              </td>
              <td>{experimentOf(run)}</td>
              <td>{run.owner ?? '–'}</td>
              <td className="num">
                <strong>{formatDuration(run.silentForMs)}</strong>
              </td>
              <td className="num">{run.lastStep?.toLocaleString('en-US') ?? '–'}</td>
              <td>{formatTime(run.stateUpdatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MoreRows shown={ROWS_PER_SLIDE} total={runs.length} what="runs" />
      {runs.length > 0 && <p className="muted">{plural(runs.length, 'stale run')} now; stale is about the present, not the week.</p>}
    </>
  );
}
