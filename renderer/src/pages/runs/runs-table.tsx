// The runs table, virtualized: only the rows on screen exist in the DOM, so 10,000 runs scroll as
// smoothly as 10. Sortable headers, optional group rows, a checkbox per run and a baseline pin.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { RunRow } from '../../../../shared/domain/run-views';
import { updateParams } from '../../app/router';
import { useElementWidth } from '../../components/series-chart/use-element-width';
import { FIXED_COLUMNS, columnWidths, configColumn, fitColumns, runNameWidth, type RunColumn } from './run-columns';
import type { GroupField, RunsSettings } from './runs-settings';

/** A push-pin: the run every other one is compared against. */
function PinIcon() {
  return (
    <svg width="13" height="13" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M5 1h6l-1 5 3 3H9l-1 6-1-6H3l3-3z" fill="currentColor" />
    </svg>
  );
}

type Item = { kind: 'group'; label: string; ids: string[] } | { kind: 'run'; run: RunRow };

function groupValue(run: RunRow, field: GroupField): string {
  if (field === 'variant') return run.variant ? `${run.ablation ?? ''} · ${run.variant}` : '(no variant)';
  if (field === 'status') return run.status;
  if (field === 'none') return '';
  return (run[field] as string | null) ?? `(no ${field})`;
}

function items(runs: RunRow[], field: GroupField): Item[] {
  if (field === 'none') return runs.map((run) => ({ kind: 'run', run }));
  const groups = new Map<string, RunRow[]>();
  for (const run of runs) {
    const key = groupValue(run, field);
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups].flatMap(([label, members]) => [{ kind: 'group' as const, label, ids: members.map((r) => r.id) }, ...members.map((run) => ({ kind: 'run' as const, run }))]);
}

interface RunsTableProps {
  runs: RunRow[];
  settings: RunsSettings;
  onOpen(runId: string): void;
  openRun: string | null;
}

const ROW_HEIGHT = 30;
/** The run name column: at least this wide, and it takes whatever room the other columns leave. */
const NAME_MIN_WIDTH = 220;
/** The vertical scrollbar takes this much of the table's width. */
const SCROLLBAR_ALLOWANCE = 16;

export function RunsTable({ runs, settings, onOpen, openRun }: RunsTableProps) {
  const columns: RunColumn[] = useMemo(() => [...FIXED_COLUMNS, ...settings.columns.map(configColumn)], [settings.columns]);
  const list = useMemo(() => items(runs, settings.groupBy), [runs, settings.groupBy]);
  const selected = useMemo(() => new Set(settings.selected), [settings.selected]);
  const [measureRef, tableWidth] = useElementWidth<HTMLDivElement>(1200);
  // The virtualizer scrolls the element, the width hook measures it: one callback ref gives it to both.
  const scroller = useRef<HTMLDivElement | null>(null);
  const scrollerRef = useCallback(
    (element: HTMLDivElement | null) => {
      scroller.current = element;
      measureRef(element);
    },
    [measureRef],
  );
  const virtualizer = useVirtualizer({ count: list.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const widths = useMemo(() => columnWidths(columns, runs), [columns, runs]);
  const nameNeed = useMemo(() => runNameWidth(runs), [runs]);
  // The run names get their room first, then the text columns theirs; short of room, the table scrolls sideways.
  const rowChrome = 32 + 30 + 6 * (columns.length + 2) + 16 + SCROLLBAR_ALLOWANCE;
  const fitted = fitColumns(widths, NAME_MIN_WIDTH, nameNeed, tableWidth - rowChrome);
  const template = `32px 30px minmax(${fitted.name}px, 1fr) ${fitted.columns.map((w) => `${w}px`).join(' ')}`;
  // A link to an open run (?run=…) brings its row into view once, when the table first has it.
  const shownOpenRun = useRef<string | null>(null);
  useEffect(() => {
    if (!openRun || shownOpenRun.current === openRun) return;
    const index = list.findIndex((item) => item.kind === 'run' && item.run.id === openRun);
    if (index < 0) return;
    shownOpenRun.current = openRun;
    const row = scroller.current?.querySelector(`[data-run-id="${CSS.escape(openRun)}"]`);
    if (!row) virtualizer.scrollToIndex(index, { align: 'center' });
  }, [openRun, list, virtualizer]);
  const setSelected = (ids: Set<string>) => updateParams({ selected: ids.size > 0 ? [...ids] : undefined });
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
  };
  const sortBy = (key: string) => {
    const dir = settings.sort.key === key && settings.sort.dir === 'desc' ? 'asc' : 'desc';
    updateParams({ sort: `${key}:${dir}` });
  };
  const arrow = (key: string) => (settings.sort.key === key ? (settings.sort.dir === 'asc' ? ' ▲' : ' ▼') : '');
  const allSelected = runs.length > 0 && runs.every((r) => selected.has(r.id));
  const width = rowChrome + fitted.name + fitted.columns.reduce((s, w) => s + w, 0);
  return (
    <div className="runs-table" role="table" aria-label="Runs" aria-rowcount={runs.length} data-testid="runs-table">
      <div className="runs-scroll" ref={scrollerRef} data-keep-scroll="runs-table">
        <div className="runs-row runs-head" role="row" style={{ gridTemplateColumns: template, minWidth: width }}>
          <span role="columnheader">
            <input type="checkbox" aria-label="Select every run shown" checked={allSelected} onChange={(e) => toggle(runs.map((r) => r.id), e.target.checked)} />
          </span>
          <span role="columnheader" title="Pinned baseline">
            <PinIcon />
          </span>
          <span role="columnheader" aria-sort={settings.sort.key === 'id' ? (settings.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
            <button type="button" className="sort" onClick={() => sortBy('id')}>
              Run{arrow('id')}
            </button>
          </span>
          {columns.map((c) => (
            <span key={c.key} role="columnheader" aria-sort={settings.sort.key === c.key ? (settings.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
              <button type="button" className={`sort${c.numeric ? ' num' : ''}`} onClick={() => sortBy(c.key)} title={`Sort by ${c.label}`}>
                {c.label}
                {arrow(c.key)}
              </button>
            </span>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: width }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = list[v.index];
            // v.index < list.length (the virtualizer counts this list); a missing row draws nothing instead of an assertion.
            if (!item) return null;
            const style = { transform: `translateY(${v.start}px)`, height: ROW_HEIGHT, gridTemplateColumns: template, minWidth: width };
            if (item.kind === 'group') {
              const all = item.ids.every((id) => selected.has(id));
              return (
                <div key={`g:${item.label}`} className="runs-row runs-group" role="row" style={style} data-testid="run-group">
                  <span>
                    <input type="checkbox" aria-label={`Select every run of ${item.label}`} checked={all} onChange={(e) => toggle(item.ids, e.target.checked)} />
                  </span>
                  <span className="group-label">
                    {item.label} <span className="muted">({item.ids.length})</span>
                  </span>
                </div>
              );
            }
            const run = item.run;
            const isSelected = selected.has(run.id);
            const isBaseline = settings.baseline === run.id;
            return (
              <div
                key={run.id}
                className={`runs-row${isSelected ? ' selected' : ''}${openRun === run.id ? ' open' : ''}`}
                role="row"
                style={style}
                data-testid="run-row"
                data-run-id={run.id}
              >
                <span>
                  <input type="checkbox" aria-label={`Select ${run.id}`} checked={isSelected} onChange={(e) => toggle([run.id], e.target.checked)} />
                </span>
                <button
                  type="button"
                  className={`pin${isBaseline ? ' on' : ''}`}
                  aria-pressed={isBaseline}
                  aria-label={isBaseline ? `Unpin ${run.id} as baseline` : `Pin ${run.id} as baseline`}
                  title={isBaseline ? 'Baseline (click to unpin)' : 'Pin as baseline'}
                  onClick={() => {
                    updateParams({ baseline: isBaseline ? undefined : run.id });
                    if (!isBaseline && !isSelected) toggle([run.id], true);
                  }}
                >
                  <PinIcon />
                </button>
                {/* The name gets the row's room; tags are in the tooltip, the drawer and the Tag filter. */}
                <button type="button" className="run-name" onClick={() => onOpen(run.id)} title={[run.name, run.id, ...run.tags.map((t) => `#${t}`)].filter(Boolean).join(' ')}>
                  <span>{run.name ?? run.id}</span>
                  {run.name && <span className="muted"> {run.id}</span>}
                </button>
                {columns.map((c) => (
                  <span key={c.key} className={c.numeric ? 'num' : undefined} role="cell" title={c.render ? undefined : c.text(run)}>
                    {c.render ? c.render(run) : c.text(run)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
