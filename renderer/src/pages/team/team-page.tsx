// The Team page: is the team's work split between the critical path and exploration the way the
// current phase intends? Balance now on top, then the split week by week, by area, by person, and
// the person table; every number opens the proposals behind it.
import { useCallback } from 'react';
import type { SplitIssue, SplitMeasure } from '../../../../shared/worksplit';
import { useApiQuery } from '../../api/use-api';
import { useRememberedState } from '../../app/page-memory';
import { updateParams, useRoute } from '../../app/router';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { BalanceNowLine } from '../../components/work-split/balance-now-line';
import type { Drill } from '../../components/work-split/drill';
import { DrillPanel } from './drill-panel';
import { GroupSplitChart } from './group-split-chart';
import { PersonLoadTable } from './person-load-table';
import { daysBefore, firstWeekOfPhase } from '../../components/work-split/work-split-format';
import { WeeklyShareChart } from '../../components/work-split/weekly-share-chart';
import './team-page.css';

const RANGES = [
  { id: 'all', label: 'All weeks' },
  { id: 'phase', label: 'Current phase' },
  { id: '13', label: 'Last 13 weeks' },
  { id: '4', label: 'Last 4 weeks' },
] as const;
type RangeId = (typeof RANGES)[number]['id'];

const MEASURES: { id: SplitMeasure; label: string }[] = [
  { id: 'people', label: 'Person-weeks' },
  { id: 'compute', label: 'Chip-hours' },
];

function rangeStart(range: RangeId, today: string, phaseStart: string | undefined): string | undefined {
  if (range === 'phase') return phaseStart && firstWeekOfPhase(phaseStart);
  if (range === '13' || range === '4') return daysBefore(today, 7 * (Number(range) - 1));
  return undefined;
}

function Controls({ measure, range }: { measure: SplitMeasure; range: RangeId }) {
  return (
    <>
      <div className="segmented" role="group" aria-label="Measure">
        {MEASURES.map((m) => (
          <button key={m.id} className="btn" aria-pressed={measure === m.id} onClick={() => updateParams({ measure: m.id })}>
            {m.label}
          </button>
        ))}
      </div>
      <label className="row team-range">
        <span className="muted">Weeks</span>
        <select className="input" value={range} onChange={(e) => updateParams({ range: e.target.value })}>
          {RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

function IssuesPanel({ issues }: { issues: SplitIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <details className="panel team-issues" data-testid="split-issues">
      <summary>
        <strong>{issues.length === 1 ? '1 problem' : `${issues.length} problems`}</strong> in proposals or team.yaml change what is counted
      </summary>
      <ul>
        {issues.map((issue, i) => (
          <li key={i}>
            <code>{issue.where}</code>: {issue.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

export function TeamPage() {
  const { params } = useRoute();
  const measure: SplitMeasure = params.get('measure') === 'compute' ? 'compute' : 'people';
  const range = (RANGES.find((r) => r.id === params.get('range'))?.id ?? 'all') as RangeId;
  // The open drill-down is still open after a trip to a proposal and back.
  const [drill, setDrill] = useRememberedState<Drill | null>('team.drill', null);
  const closeDrill = useCallback(() => setDrill(null), [setDrill]);

  const counts = useApiQuery('getCacheCounts', {});
  const balance = useApiQuery('getBalanceNow', { measure });
  const otherBalance = useApiQuery('getBalanceNow', { measure: measure === 'people' ? 'compute' : 'people' });
  const today = balance.data?.today;
  const from = today ? rangeStart(range, today, balance.data?.phase?.start) : undefined;
  const ready = { enabled: today !== undefined };
  const splitInput = { from, today };
  const weeklyPeople = useApiQuery('getWorkSplit', { by: 'week', measure: 'people', ...splitInput }, ready);
  const weeklyCompute = useApiQuery('getWorkSplit', { by: 'week', measure: 'compute', ...splitInput }, ready);
  const byArea = useApiQuery('getWorkSplit', { by: 'area', measure, ...splitInput }, ready);
  const byPerson = useApiQuery('getWorkSplit', { by: 'person', measure, ...splitInput }, ready);

  const header = (
    <PageHeader title="Team" subtitle="Critical-path versus exploratory work, against each phase's target">
      <Controls measure={measure} range={range} />
    </PageHeader>
  );
  const failed = [counts, balance, weeklyPeople, weeklyCompute, byArea, byPerson].find((q) => q.error)?.error;
  if (failed) {
    return (
      <div className="page team-page">
        {header}
        <ErrorPanel error={failed} title="The work split could not be computed" />
      </div>
    );
  }
  if (!counts.data || !balance.data || !weeklyPeople.data || !weeklyCompute.data || !byArea.data || !byPerson.data) {
    return (
      <div className="page team-page">
        {header}
        <LoadingState what="the work split" />
      </div>
    );
  }
  return (
    <div className={`page team-page${drill ? ' with-drill' : ''}`}>
      {header}
      <BalanceNowLine balance={balance.data} other={otherBalance.data} />
      {counts.data.proposals === 0 ? (
        <div className="panel">
          <EmptyState title="No proposals yet">
            The split counts proposals: add <code>proposals/&lt;id&gt;.md</code> files with a <code>kind</code> (critical-path or
            exploratory), a <code>created</code> date and their <code>people</code> with each one's share of time.
          </EmptyState>
        </div>
      ) : (
        <>
          <div className="team-grid">
            <WeeklyShareChart split={weeklyPeople.data} title="Person-weeks, exploratory share by week" selectedId={drill?.id} onDrill={setDrill} />
            <WeeklyShareChart split={weeklyCompute.data} title="Chip-hours, exploratory share by week" selectedId={drill?.id} onDrill={setDrill} />
            <GroupSplitChart split={byArea.data} title="By area" onDrill={setDrill} />
            <GroupSplitChart split={byPerson.data} title="By person" onDrill={setDrill} />
          </div>
          <PersonLoadTable split={weeklyPeople.data} selectedId={drill?.id} onDrill={setDrill} />
          <IssuesPanel issues={weeklyPeople.data.issues} />
        </>
      )}
      {drill && <DrillPanel drill={drill} onClose={closeDrill} />}
    </div>
  );
}
