// The Runs page: every run in the store in a virtualized table — filter, sort, group, add config keys as
// columns, select runs and pin a baseline, then chart them on the Compare page.
import { keepPreviousData } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApiQuery } from '../../api/use-api';
import { navigate, updateParams, useRoute } from '../../app/router';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { RunDetailPanel } from './run-detail-panel';
import { RunsFilters } from './runs-filters';
import { FILTER_PARAMS, readRunsSettings } from './runs-settings';
import { RunsTable } from './runs-table';
import './runs-page.css';

export function RunsPage() {
  const route = useRoute();
  const settings = readRunsSettings(route.params);
  const openRun = route.params.get('run');
  const list = useApiQuery(
    'listRuns',
    {
      text: settings.text || undefined,
      status: settings.status.length > 0 ? settings.status : undefined,
      owner: settings.owner,
      group: settings.group,
      tags: settings.tag ? [settings.tag] : undefined,
      ablation: settings.ablation,
      proposal: settings.proposal,
      sort: settings.sort,
      columns: settings.columns,
    },
    { placeholderData: keepPreviousData },
  );
  const selected = settings.selected;
  const closeRun = useCallback(() => updateParams({ run: undefined }), []);
  const compare = () => {
    const runs = list.data?.runs ?? [];
    const pinned = runs.find((r) => r.id === settings.baseline);
    // The pinned run stands for its variant: every selected seed of it is part of the baseline.
    const baseline = pinned
      ? runs.filter((r) => r.id === pinned.id || (selected.includes(r.id) && pinned.variant !== null && r.ablation === pinned.ablation && r.variant === pinned.variant)).map((r) => r.id)
      : [];
    navigate('compare', { runs: selected, baseline: baseline.length > 0 ? baseline : undefined, view: baseline.length > 0 ? 'delta' : undefined });
  };
  return (
    <div className={`page runs-page${openRun ? ' with-drawer' : ''}`}>
      <PageHeader title="Runs" subtitle={list.data ? `${list.data.matched.toLocaleString()} of ${list.data.total.toLocaleString()}` : undefined}>
        {selected.length > 0 && (
          <button type="button" className="btn" onClick={() => updateParams({ selected: undefined })}>
            Clear selection
          </button>
        )}
        <button type="button" className="btn primary" disabled={selected.length === 0} onClick={compare} data-testid="compare-selected">
          Compare {selected.length > 0 ? `${selected.length} run${selected.length === 1 ? '' : 's'}` : ''}
        </button>
      </PageHeader>
      <RunsFilters settings={settings} list={list.data} />
      {list.error && <ErrorPanel error={list.error} />}
      {list.isLoading && <LoadingState what="runs" />}
      {list.data && list.data.total === 0 && (
        <div className="panel">
          <EmptyState title="No runs yet">The store has no runs, or the first sync has not finished.</EmptyState>
        </div>
      )}
      {list.data && list.data.total > 0 && list.data.matched === 0 && (
        <div className="panel" data-testid="runs-no-match">
          <EmptyState title="No run matches these filters">
            <p>
              {list.data.total.toLocaleString()} runs in the store, none with all of the filters above.{' '}
              <button type="button" className="btn small" onClick={() => updateParams(Object.fromEntries(FILTER_PARAMS.map((p) => [p, undefined])))}>
                Clear the filters
              </button>
            </p>
          </EmptyState>
        </div>
      )}
      {list.data && list.data.matched > 0 && (
        <RunsTable runs={list.data.runs} settings={settings} openRun={openRun} onOpen={(id) => updateParams({ run: openRun === id ? undefined : id })} />
      )}
      {openRun && <RunDetailPanel runId={openRun} onClose={closeRun} />}
    </div>
  );
}
