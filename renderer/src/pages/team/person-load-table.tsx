// People × weeks: how much of each person's time their active proposals claim. Over 100 % is
// over-committed, under 50 % is unassigned; each flag is a tint, a marker and words in the label.
import { useLayoutEffect, useRef, useState } from 'react';
import type { PersonLoadRow, PersonWeekLoad, WeekInfo, WorkSplit } from '../../../../shared/worksplit';
import { OVER_COMMITTED_ABOVE, UNASSIGNED_BELOW } from '../../../../shared/worksplit';
import type { Drill } from '../../components/work-split/drill';
import { LOAD_COLORS, LOAD_MARKERS, percent, shortDay } from '../../components/work-split/work-split-format';

const FLAG_WORDS = { over: 'over-committed', under: 'unassigned' } as const;

function cellDrill(row: PersonLoadRow, cell: PersonWeekLoad, week: WeekInfo): Drill {
  const byKind = (kind: string) => cell.proposals.filter((c) => c.kind === kind).reduce((sum, c) => sum + c.amount, 0);
  const flag = cell.flag ? ` · ${FLAG_WORDS[cell.flag]}` : '';
  return {
    id: `load:${row.person}:${week.week}`,
    title: `${row.name}, week of ${shortDay(week.start)}`,
    subtitle: `${week.week} · load ${percent(cell.load)}${flag}${week.daysElapsed < 7 ? ` · ${week.daysElapsed} of 7 days so far` : ''}`,
    measure: 'people',
    criticalPath: byKind('critical-path'),
    exploratory: byKind('exploratory'),
    denominator: week.daysElapsed / 7,
    denominatorLabel: 'their time that week',
    proposals: cell.proposals,
  };
}

interface LoadCellProps {
  row: PersonLoadRow;
  cell: PersonWeekLoad;
  week: WeekInfo;
  selected: boolean;
  onDrill: (drill: Drill) => void;
}

function LoadCell({ row, cell, week, selected, onDrill }: LoadCellProps) {
  if (week.daysElapsed === 0) return <td className="num muted">–</td>;
  const flag = cell.flag;
  const label = `${row.name}, week of ${shortDay(week.start)}: ${percent(cell.load)}${flag ? `, ${FLAG_WORDS[flag]}` : ''}`;
  const style = flag ? { background: `color-mix(in srgb, ${LOAD_COLORS[flag]} 26%, transparent)` } : undefined;
  return (
    <td className={`load-cell${flag ? ` load-${flag}` : ''}${selected ? ' selected' : ''}`} style={style}>
      <button className="load-button" onClick={() => onDrill(cellDrill(row, cell, week))} aria-label={label} title={label}>
        {Math.round(cell.load * 100)}
        {flag && <span className="load-marker" aria-hidden="true">{LOAD_MARKERS[flag]}</span>}
      </button>
    </td>
  );
}

/**
 * Room to leave after the table so that, scrolled to its end, its first visible week starts right at the
 * sticky Person column instead of half under it; the scroller then snaps to whole weeks (CSS).
 */
function useWholeWeekScroll(scroller: React.RefObject<HTMLDivElement | null>, weekCount: number): number {
  const [tail, setTail] = useState(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    const table = el?.querySelector('table');
    if (!el || !table) return;
    const align = () => {
      const person = table.querySelector<HTMLElement>('th.person-col')?.offsetWidth ?? 0;
      el.style.scrollPaddingLeft = `${person}px`;
      const overflow = table.offsetWidth - el.clientWidth;
      const origin = table.getBoundingClientRect().left;
      const starts = Array.from(table.querySelectorAll<HTMLElement>('thead th:not(.person-col)'), (th) => th.getBoundingClientRect().left - origin - person);
      setTail(overflow > 0 ? (starts.find((start) => start >= overflow) ?? overflow) - overflow : 0);
    };
    align();
    const observer = new ResizeObserver(align);
    observer.observe(el);
    return () => observer.disconnect();
  }, [scroller, weekCount]);
  // The latest weeks matter most: when the table is wider than the page, it opens scrolled to them.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [scroller, weekCount, tail]);
  return tail;
}

export function PersonLoadTable({ split, selectedId, onDrill }: { split: WorkSplit; selectedId?: string; onDrill: (drill: Drill) => void }) {
  const weeks = split.weeks;
  const scroller = useRef<HTMLDivElement>(null);
  const tail = useWholeWeekScroll(scroller, weeks.length);
  return (
    <section className="panel" data-testid="person-load">
      <div className="team-chart-head">
        <h2>Person table: share of each person's time on proposals, per week (%)</h2>
        <div className="team-legend">
          <span>
            <span className="load-key" style={{ background: `color-mix(in srgb, ${LOAD_COLORS.over} 26%, transparent)` }}>{LOAD_MARKERS.over}</span>
            over {percent(OVER_COMMITTED_ABOVE)}: over-committed
          </span>
          <span>
            <span className="load-key" style={{ background: `color-mix(in srgb, ${LOAD_COLORS.under} 26%, transparent)` }}>{LOAD_MARKERS.under}</span>
            under {percent(UNASSIGNED_BELOW)}: unassigned
          </span>
        </div>
      </div>
      {split.people.length === 0 ? (
        <p className="muted">No people in team.yaml and none named by a proposal.</p>
      ) : (
        <div className="table-scroll whole-weeks" ref={scroller} data-keep-scroll="person-load">
          <table className="data person-load" style={{ marginRight: tail }}>
            <thead>
              <tr>
                <th scope="col" className="person-col">Person</th>
                {weeks.map((w) => (
                  <th key={w.week} scope="col" className="num" title={`${w.week}${w.phase ? `, ${w.phase}` : ''}`}>
                    {shortDay(w.start)}
                  </th>
                ))}
                <th scope="col" className="num" title="Weeks over-committed" aria-label="Weeks over-committed">{LOAD_MARKERS.over} wks</th>
                <th scope="col" className="num" title="Weeks unassigned" aria-label="Weeks unassigned">{LOAD_MARKERS.under} wks</th>
              </tr>
            </thead>
            <tbody>
              {split.people.map((row) => (
                <tr key={row.person}>
                  <th scope="row">
                    {row.name}
                    {row.area && <span className="muted person-area"> {row.area}</span>}
                  </th>
                  {row.weeks.map((cell, i) => (
                    <LoadCell key={cell.week} row={row} cell={cell} week={weeks[i]!} selected={selectedId === `load:${row.person}:${cell.week}`} onDrill={onDrill} />
                  ))}
                  <td className="num">{row.weeks.filter((c) => c.flag === 'over').length}</td>
                  <td className="num">{row.weeks.filter((c) => c.flag === 'under').length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
